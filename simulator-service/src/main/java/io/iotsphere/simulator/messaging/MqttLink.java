package io.iotsphere.simulator.messaging;

import io.iotsphere.simulator.config.SimulatorConfig;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The simulated devices' way to the MQTT broker: a few connections shared by all devices (a device is a topic, not a
 * connection, so tens of thousands of devices need no thread nor socket each). Telemetry and state go out on the
 * connection of the device's timer wheel; the commands and shadow deltas of every tenant with a running fleet come in
 * on the first connection. Connections come back by themselves, with their subscriptions.
 */
@ApplicationScoped
public class MqttLink {

    private static final Logger LOG = Logger.getLogger(MqttLink.class);

    /** Topic filters (per tenant) the devices listen to: commands and shadow deltas. */
    public static final List<String> INBOUND = List.of("commands", "shadow/delta");

    @Inject
    Vertx vertx;

    @Inject
    SimulatorConfig config;

    @ConfigProperty(name = "iotsphere.mqtt.host")
    String host;

    @ConfigProperty(name = "iotsphere.mqtt.port")
    int port;

    private final List<Connection> connections = new ArrayList<>();
    private final Set<String> tenants = ConcurrentHashMap.newKeySet();
    private volatile Consumer<MqttPublishMessage> inbound = m -> {};
    private volatile boolean stopping;

    void start(@Observes StartupEvent event) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < Math.max(1, config.mqtt().connections()); i++) {
            Connection c = new Connection("simulator-" + i + "-" + suffix, i == 0);
            connections.add(c);
            c.connect();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        for (Connection c : connections) {
            if (c.client != null && c.client.isConnected()) {
                c.client.disconnect();
            }
        }
    }

    public void onMessage(Consumer<MqttPublishMessage> handler) {
        this.inbound = handler;
    }

    public boolean connected() {
        return !connections.isEmpty() && connections.stream().allMatch(c -> c.client.isConnected());
    }

    public String describe() {
        return host + ":" + port;
    }

    /** Listens to the commands and shadow deltas of a tenant's devices (idempotent). */
    public void listen(String tenant) {
        if (tenants.add(tenant) && !connections.isEmpty()) {
            connections.get(0).subscribe(tenant);
        }
    }

    public static String topic(String tenant, String deviceId, String suffix) {
        return "iotsphere/" + tenant + "/devices/" + deviceId + "/" + suffix;
    }

    /** Publishes on the connection of a wheel; fails at once when that connection is down. */
    public Future<Void> publish(int wheel, String topic, String payload) {
        Connection c = connections.get(Math.floorMod(wheel, connections.size()));
        if (c.client == null || !c.client.isConnected()) {
            return Future.failedFuture("MQTT connection " + c.clientId + " is down");
        }
        MqttQoS qos = MqttQoS.valueOf(config.mqtt().qos());
        return c.client
                .publish(topic, Buffer.buffer(payload), qos, false, false)
                .mapEmpty();
    }

    private final class Connection {
        final String clientId;
        final boolean listens;
        MqttClient client;
        long delay = 500;

        Connection(String clientId, boolean listens) {
            this.clientId = clientId;
            this.listens = listens;
        }

        void connect() {
            MqttClientOptions options = new MqttClientOptions()
                    .setClientId(clientId)
                    .setCleanSession(true)
                    .setAutoKeepAlive(true)
                    .setMaxInflightQueue(config.mqtt().maxInflight());
            client = MqttClient.create(vertx, options);
            if (listens) {
                client.publishHandler(m -> inbound.accept(m));
            }
            client.closeHandler(v -> {
                if (!stopping) {
                    LOG.warnf("MQTT connection %s to %s:%d lost; reconnecting", clientId, host, port);
                    retry();
                }
            });
            client.connect(port, host)
                    .onSuccess(ack -> {
                        delay = 500;
                        LOG.infof("MQTT %s connected to %s:%d", clientId, host, port);
                        if (listens) {
                            tenants.forEach(this::subscribe);
                        }
                    })
                    .onFailure(e -> {
                        LOG.warnf(
                                "MQTT %s cannot connect to %s:%d (%s); retrying", clientId, host, port, e.getMessage());
                        retry();
                    });
        }

        void retry() {
            if (stopping) {
                return;
            }
            vertx.setTimer(delay, id -> connect());
            delay = Math.min(delay * 2, 10_000);
        }

        void subscribe(String tenant) {
            if (!client.isConnected()) {
                return; // subscribed on (re)connection
            }
            for (String suffix : INBOUND) {
                client.subscribe(topic(tenant, "+", suffix), 1)
                        .onFailure(e -> LOG.warnf("cannot subscribe to %s: %s", topic(tenant, "+", suffix), e));
            }
        }
    }
}
