package io.iotsphere.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A service's connection to the devices' MQTT broker (Vert.x MQTT client, MQTT 3.1.1, on Quarkus' Vert.x): keeps it
 * up (reconnecting with a growing pause and subscribing again), hands what devices publish on the one topic the service
 * listens to ({@link #listen}) to its listener, and publishes with QoS 1, completing only on the broker's PUBACK.
 */
@Singleton
public class MqttGateway {

    private static final Logger LOG = Logger.getLogger(MqttGateway.class);
    private static final long FIRST_RECONNECT_MS = 200;

    private final Vertx vertx;
    private final MqttConfig config;
    private final Map<Integer, Promise<Void>> awaitingAck = new ConcurrentHashMap<>();
    private final Set<Integer> earlyAcks = ConcurrentHashMap.newKeySet();

    private volatile MqttClient client;
    private volatile boolean running;
    private volatile boolean connected;
    private final String clientIdPrefix;
    private volatile Consumer<MqttPublishMessage> listener = MqttPublishMessage::ack;
    private volatile String suffix;
    private long reconnectDelayMs = FIRST_RECONNECT_MS;

    public MqttGateway(
            Vertx vertx, MqttConfig config, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.vertx = vertx;
        this.config = config;
        this.clientIdPrefix = application + "-";
    }

    /**
     * The subscription of the devices' topics ending in the suffix the service listens to (wildcards for tenant and
     * device), shared by the instances of the service's group; null while the service listens to nothing.
     */
    public String subscription() {
        String current = suffix;
        if (current == null) {
            return null;
        }
        String filter = config.topicRoot() + "/+/devices/+/" + current;
        String group = config.sharedGroup().replaceAll("[/+#]", "-");
        return group.isEmpty() ? filter : "$share/" + group + "/" + filter;
    }

    /** {@code <root>/<tenant>/devices/<id>/<suffix>}. */
    public String deviceTopic(String tenant, String deviceId, String suffix) {
        return config.topicRoot() + "/" + tenant + "/devices/" + deviceId + "/" + suffix;
    }

    /**
     * The tenant and device of a device topic ending in {@code suffix}, or null when the topic is not of that shape.
     */
    public String[] tenantAndDevice(String topic, String suffix) {
        String[] parts = topic.split("/", -1);
        String[] expected = suffix.split("/");
        if (parts.length != 4 + expected.length
                || !parts[0].equals(config.topicRoot())
                || !parts[2].equals("devices")) {
            return null;
        }
        for (int i = 0; i < expected.length; i++) {
            if (!parts[4 + i].equals(expected[i])) {
                return null;
            }
        }
        return new String[] {parts[1], parts[3]};
    }

    /**
     * Subscribes to what devices publish on {@code <root>/<tenant>/devices/<id>/<suffix>} (call it in a start-up
     * observer: the connection is made after them); the listener must {@link MqttPublishMessage#ack()} each message once
     * handled.
     */
    public void listen(String suffix, Consumer<MqttPublishMessage> listener) {
        this.suffix = suffix;
        this.listener = listener;
    }

    public boolean isConnected() {
        return connected;
    }

    /** After the application's own start-up observers (listeners register in them). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event)
            throws InterruptedException {
        running = true;
        CountDownLatch firstAttempt = new CountDownLatch(1);
        vertx.runOnContext(v -> connect(firstAttempt));
        // Start with the subscription in place when the broker is there; without it, start anyway and keep trying.
        if (!firstAttempt.await(5, TimeUnit.SECONDS)) {
            LOG.warnf("MQTT broker %s:%d did not answer yet; retrying in the background", config.host(), config.port());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        MqttClient current = client;
        if (current != null && current.isConnected()) {
            current.disconnect();
        }
    }

    private void connect(CountDownLatch attempted) {
        if (!running) {
            attempted.countDown();
            return;
        }
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(clientIdPrefix + UUID.randomUUID())
                .setCleanSession(true)
                .setKeepAliveInterval(30)
                .setAckTimeout((int) Math.max(1, config.ackTimeout().toSeconds()))
                .setMaxInflightQueue(config.maxInflight())
                .setMaxMessageSize(64 * 1024);
        options.setAutoAck(false);
        options.setSsl(config.ssl());
        config.username().ifPresent(options::setUsername);
        config.password().ifPresent(options::setPassword);
        MqttClient next = MqttClient.create(vertx, options);
        next.publishHandler(message -> listener.accept(message));
        next.publishCompletionHandler(this::acked);
        next.publishCompletionExpirationHandler(id -> failAck(id, "no PUBACK within " + config.ackTimeout()));
        next.closeHandler(v -> {
            if (!running) {
                return;
            }
            if (connected) {
                LOG.warnf("MQTT connection to %s:%d lost; reconnecting", config.host(), config.port());
            }
            connected = false;
            failAllAcks("MQTT connection lost");
            scheduleReconnect();
        });
        client = next;
        String subscription = subscription();
        next.connect(config.port(), config.host())
                .compose(ack -> subscription == null
                        ? Future.<Void>succeededFuture()
                        : next.subscribe(subscription, MqttQoS.AT_LEAST_ONCE.value())
                                .<Void>mapEmpty())
                .onComplete(result -> {
                    if (result.succeeded()) {
                        connected = true;
                        reconnectDelayMs = FIRST_RECONNECT_MS;
                        LOG.infof(
                                "MQTT connected to %s:%d, subscribed to %s",
                                config.host(), config.port(), subscription == null ? "nothing" : subscription);
                    } else {
                        LOG.debugf("MQTT connection to %s:%d failed: %s", config.host(), config.port(), result.cause());
                        if (next.isConnected()) {
                            next.disconnect();
                        } else {
                            scheduleReconnect();
                        }
                    }
                    attempted.countDown();
                });
    }

    private void scheduleReconnect() {
        if (!running) {
            return;
        }
        long delay = reconnectDelayMs;
        reconnectDelayMs =
                Math.min(reconnectDelayMs * 2, config.maxReconnectDelay().toMillis());
        vertx.setTimer(delay, id -> connect(new CountDownLatch(1)));
    }

    /** Publishes with QoS 1; completes when the broker acknowledged it, fails when not connected or on timeout. */
    public Uni<Void> publishAtLeastOnce(String topic, String payload) {
        MqttClient current = client;
        if (!connected || current == null) {
            return Uni.createFrom().failure(new IllegalStateException("not connected to the MQTT broker"));
        }
        Promise<Void> acked = Promise.promise();
        current.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                .onSuccess(id -> {
                    if (earlyAcks.remove(id)) {
                        acked.tryComplete();
                    } else {
                        awaitingAck.put(id, acked);
                    }
                })
                .onFailure(acked::tryFail);
        return Uni.createFrom().completionStage(acked.future().toCompletionStage());
    }

    private void acked(int id) {
        Promise<Void> promise = awaitingAck.remove(id);
        if (promise != null) {
            promise.tryComplete();
        } else {
            earlyAcks.add(id);
        }
    }

    private void failAck(int id, String reason) {
        Promise<Void> promise = awaitingAck.remove(id);
        if (promise != null) {
            promise.tryFail(reason);
        }
    }

    private void failAllAcks(String reason) {
        awaitingAck.keySet().forEach(id -> failAck(id, reason));
        earlyAcks.clear();
    }

    /** Publishes with QoS 0 (notices to devices that need no confirmation); nothing when not connected. */
    public void publishAtMostOnce(String topic, String payload) {
        MqttClient current = client;
        if (connected && current != null) {
            current.publish(topic, Buffer.buffer(payload), MqttQoS.AT_MOST_ONCE, false, false);
        }
    }
}
