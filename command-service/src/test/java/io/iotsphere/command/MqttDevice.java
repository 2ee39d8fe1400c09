package io.iotsphere.command;

import io.iotsphere.testsupport.LocalInfra;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A device's side of MQTT in tests: a real client on the local broker, subscribed to its commands topic. */
final class MqttDevice implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final MqttClient client;
    private final String tenant;
    private final String deviceId;
    private final List<JsonObject> commands = new CopyOnWriteArrayList<>();

    MqttDevice(String tenant, String deviceId) {
        this.tenant = tenant;
        this.deviceId = deviceId;
        client = MqttClient.create(vertx, new MqttClientOptions().setClientId("test-device-" + UUID.randomUUID()));
        client.publishHandler(m -> commands.add(new JsonObject(m.payload().toString())));
        await(client.connect(LocalInfra.mqttPort(), LocalInfra.mqttHost()));
        await(client.subscribe(topic("commands"), MqttQoS.AT_LEAST_ONCE.value()));
    }

    String topic(String suffix) {
        return "iotsphere/" + tenant + "/devices/" + deviceId + "/" + suffix;
    }

    /** The commands received so far, as the device got them. */
    List<JsonObject> commands() {
        return commands;
    }

    /** Publishes a result on {@code .../commands/results}. */
    void answer(String commandId, String status, JsonObject result, String error) {
        JsonObject body = new JsonObject().put("commandId", commandId).put("status", status);
        if (result != null) {
            body.put("result", result);
        }
        if (error != null) {
            body.put("error", error);
        }
        publishRaw(topic("commands/results"), body.encode());
    }

    void publishRaw(String topic, String payload) {
        await(client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false));
    }

    private static <T> T await(Future<T> future) {
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
