package io.iotsphere.simulator;

import io.iotsphere.testsupport.LocalInfra;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A test's own client of the real broker: records what the simulated devices of a tenant publish. */
final class MqttProbe implements AutoCloseable {

    record Received(String topic, JsonObject body) {}

    final List<Received> messages = new CopyOnWriteArrayList<>();
    private final Vertx vertx = Vertx.vertx();
    private final MqttClient client;

    MqttProbe(String tenant) throws Exception {
        client = MqttClient.create(vertx, new MqttClientOptions().setClientId("probe-" + UUID.randomUUID()));
        client.publishHandler(m -> messages.add(new Received(m.topicName(), new JsonObject(m.payload()))));
        client.connect(LocalInfra.mqttPort(), LocalInfra.mqttHost())
                .compose(ack -> client.subscribe("iotsphere/" + tenant + "/devices/#", 1))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    List<Received> on(String suffix) {
        return messages.stream().filter(m -> m.topic().endsWith("/" + suffix)).toList();
    }

    List<Received> of(String deviceId, String suffix) {
        return messages.stream()
                .filter(m -> m.topic().endsWith("/devices/" + deviceId + "/" + suffix))
                .toList();
    }

    void publish(String topic, JsonObject body) throws Exception {
        client.publish(topic, Buffer.buffer(body.encode()), MqttQoS.AT_LEAST_ONCE, false, false)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        vertx.close();
    }
}
