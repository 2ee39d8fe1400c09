package io.iotsphere.shadow;

import io.iotsphere.testsupport.LocalInfra;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A device's side of MQTT in tests: a real client on the local broker that publishes and records what it receives. */
final class MqttProbe implements AutoCloseable {

    record Received(String topic, String payload) {}

    private final Vertx vertx = Vertx.vertx();
    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    MqttProbe() {
        client = MqttClient.create(
                vertx,
                new MqttClientOptions()
                        .setClientId("probe-" + UUID.randomUUID())
                        .setMaxInflightQueue(1000));
        client.publishHandler(
                m -> received.add(new Received(m.topicName(), m.payload().toString())));
        await(client.connect(LocalInfra.mqttPort(), LocalInfra.mqttHost()));
    }

    MqttProbe subscribe(String topic) {
        await(client.subscribe(topic, MqttQoS.AT_LEAST_ONCE.value()));
        return this;
    }

    void publish(String topic, String payload) {
        await(client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false));
    }

    List<Received> received() {
        return received;
    }

    List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("MQTT operation failed", e);
        }
    }

    @Override
    public void close() {
        if (client.isConnected()) {
            await(client.disconnect());
        }
        vertx.close();
    }
}
