package io.iotsphere.shadow.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsphere.mqtt.MqttGateway;
import io.iotsphere.shadow.ShadowDocument;
import io.iotsphere.shadow.ShadowJson;
import io.iotsphere.shadow.config.RedisKeys;
import io.iotsphere.shadow.config.ShadowConfig;
import io.iotsphere.shadow.repository.ShadowStore;
import io.iotsphere.shadow.service.ShadowMetrics;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pushes deltas to devices on {@code <root>/<tenant>/devices/<id>/shadow/delta} (QoS 1). An outbox entry names a
 * device whose desired state changed or that came back online; the relay sends the device's whole current delta (none
 * when there is nothing left to do) and deletes the entry once the broker acknowledged the message. Entries wait in
 * Redis while the broker is unreachable, so a desired change is never missed.
 */
@Singleton
public class MqttDeltaRelay extends OutboxRelay {

    private final ShadowStore store;
    private final MqttGateway mqtt;

    public MqttDeltaRelay(
            ReactiveRedisDataSource redis,
            RedisKeys keys,
            ShadowConfig config,
            ShadowMetrics metrics,
            Vertx vertx,
            ShadowStore store,
            MqttGateway mqtt) {
        super(redis, keys, config, metrics, vertx);
        this.store = store;
        this.mqtt = mqtt;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    @Override
    protected String name() {
        return ShadowStore.MQTT_OUTBOX;
    }

    @Override
    protected Uni<Void> deliver(List<StreamMessage<String, String, String>> entries) {
        if (!mqtt.isConnected()) {
            return Uni.createFrom().failure(new IllegalStateException("not connected to the MQTT broker"));
        }
        Set<String> devices = new LinkedHashSet<>();
        entries.forEach(
                e -> devices.add(e.payload().get("tenant") + "/" + e.payload().get("device")));
        List<Uni<Void>> pushes = new ArrayList<>();
        for (String device : devices) {
            int slash = device.indexOf('/');
            pushes.add(push(device.substring(0, slash), device.substring(slash + 1)));
        }
        return Uni.join().all(pushes).andFailFast().replaceWithVoid();
    }

    private Uni<Void> push(String tenant, String deviceId) {
        return store.read(tenant, deviceId).chain(snapshot -> {
            if (!snapshot.known() || snapshot.doc() == null) {
                return Uni.createFrom().voidItem();
            }
            ShadowDocument doc;
            try {
                doc = ShadowDocument.fromStored(ShadowJson.parse(snapshot.doc()));
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            ObjectNode message = doc.deltaMessage();
            if (message.path("state").isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return mqtt.publishAtLeastOnce(
                    mqtt.deviceTopic(tenant, deviceId, "shadow/delta"), ShadowJson.write(message));
        });
    }
}
