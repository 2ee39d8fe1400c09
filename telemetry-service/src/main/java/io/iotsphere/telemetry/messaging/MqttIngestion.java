package io.iotsphere.telemetry.messaging;

import io.iotsphere.commons.security.Caller;
import io.iotsphere.telemetry.config.TelemetryConfig;
import io.iotsphere.telemetry.service.IngestionService;
import io.iotsphere.telemetry.service.TelemetryMetrics.Channel;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Device telemetry from MQTT: subscribes to {@code $share/<group>/iotsphere/+/devices/+/telemetry} (replicas split the
 * messages) on a few connections, each with the broker's window of unacknowledged QoS 1 messages. A message is
 * acknowledged (PUBACK) only once its readings are on Kafka, accepted or dead-lettered, so a crash before that has the
 * broker deliver it again; readings are idempotent downstream. The Vert.x MQTT client is used directly for this
 * control over acknowledgements and reconnection.
 */
@ApplicationScoped
public class MqttIngestion {

    private static final Logger LOG = Logger.getLogger(MqttIngestion.class);

    /** Largest message read; bigger ones still reach the service, which dead-letters their beginning. */
    private static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    @Inject
    Vertx vertx;

    @Inject
    IngestionService ingestion;

    @Inject
    TelemetryConfig config;

    @ConfigProperty(name = "iotsphere.mqtt.host")
    String host;

    @ConfigProperty(name = "iotsphere.mqtt.port")
    int port;

    private final List<Connection> connections = new ArrayList<>();
    private volatile boolean stopping;
    private int tenantSegment;
    private int deviceSegment;
    private int segments;

    void start(@Observes StartupEvent start) {
        if (!config.mqtt().enabled()) {
            LOG.info("MQTT ingestion is disabled (telemetry.mqtt.enabled=false)");
            return;
        }
        String[] filter = config.mqtt().topic().split("/");
        segments = filter.length;
        List<Integer> wildcards = new ArrayList<>();
        for (int i = 0; i < filter.length; i++) {
            if (filter[i].equals("+")) {
                wildcards.add(i);
            }
        }
        if (wildcards.size() != 2 || config.mqtt().topic().contains("#")) {
            throw new IllegalStateException("telemetry.mqtt.topic must have exactly two '+' (tenant, then device id): "
                    + config.mqtt().topic());
        }
        tenantSegment = wildcards.get(0);
        deviceSegment = wildcards.get(1);
        String prefix = config.mqtt().clientId().orElseGet(MqttIngestion::hostName);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < Math.max(1, config.mqtt().connections()); i++) {
            Connection connection = new Connection(prefix + "-" + i + "-" + suffix);
            connections.add(connection);
            connection.connect();
        }
    }

    /** Whether every connection is up and subscribed (true when MQTT ingestion is disabled). */
    public boolean ready() {
        return connections.stream().allMatch(c -> c.subscribed);
    }

    public boolean enabled() {
        return config.mqtt().enabled();
    }

    public String describe() {
        return host + ":" + port + " " + subscription();
    }

    /**
     * Stops taking messages, lets those in progress finish (so that they are acknowledged), then disconnects. With a
     * clean session, messages the broker still held for this client would otherwise be dropped with it.
     */
    void stop(@Observes ShutdownEvent stop) {
        stopping = true;
        for (Connection connection : connections) {
            connection.close();
        }
    }

    private String subscription() {
        return "$share/" + config.mqtt().shareGroup() + "/" + config.mqtt().topic();
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return "telemetry-" + env;
        }
        try {
            return "telemetry-" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "telemetry";
        }
    }

    private final class Connection {

        private final String clientId;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final CompletableFuture<Void> drained = new CompletableFuture<>();
        private MqttClient client;
        private volatile boolean subscribed;
        private int attempts;

        Connection(String clientId) {
            this.clientId = clientId;
        }

        void connect() {
            MqttClientOptions options = new MqttClientOptions()
                    .setClientId(clientId)
                    .setCleanSession(true)
                    .setMaxMessageSize(MAX_MESSAGE_SIZE)
                    .setAutoKeepAlive(true);
            options.setAutoAck(false);
            config.mqtt().username().ifPresent(options::setUsername);
            config.mqtt().password().ifPresent(options::setPassword);
            client = MqttClient.create(vertx, options);
            client.publishHandler(this::handle);
            client.closeHandler(v -> {
                subscribed = false;
                if (!stopping) {
                    LOG.warnf("MQTT connection %s to %s:%d lost; reconnecting", clientId, host, port);
                    retry();
                }
            });
            client.connect(port, host)
                    .compose(ack ->
                            client.subscribe(subscription(), config.mqtt().qos()))
                    .onSuccess(id -> {
                        subscribed = true;
                        attempts = 0;
                        LOG.infof("MQTT %s subscribed to %s at %s:%d", clientId, subscription(), host, port);
                    })
                    .onFailure(failure -> {
                        LOG.warnf("MQTT %s cannot subscribe at %s:%d (%s)", clientId, host, port, failure.getMessage());
                        if (client.isConnected()) {
                            client.disconnect();
                        } else {
                            retry();
                        }
                    });
        }

        private void retry() {
            if (stopping) {
                return;
            }
            attempts++;
            long delay = Math.min(config.mqtt().maxReconnectDelay().toMillis(), 250L * (1L << Math.min(attempts, 8)));
            vertx.setTimer(delay, id -> connect());
        }

        private void handle(MqttPublishMessage message) {
            inFlight.incrementAndGet();
            String topic = message.topicName();
            byte[] payload = message.payload().getBytes();
            String[] parts = topic.split("/", -1);
            Uni<Void> work;
            String source = "mqtt:" + topic;
            if (parts.length != segments) {
                work = ingestion.refuseUnaddressed(
                        Channel.MQTT, source, null, null, payload, "unexpected topic " + topic);
            } else if (!Caller.validTenant(parts[tenantSegment])) {
                work = ingestion.refuseUnaddressed(
                        Channel.MQTT, source, null, parts[deviceSegment], payload, "the topic names no valid tenant");
            } else {
                work = ingestion.ingestDevice(
                        Channel.MQTT, source, parts[tenantSegment], parts[deviceSegment], payload);
            }
            // Until Kafka takes the readings (or the reason), the message is not acknowledged: retry meanwhile.
            work.onFailure()
                    .invoke(failure ->
                            LOG.warnf("MQTT message on %s not handled (%s); retrying", topic, failure.toString()))
                    .onFailure(failure -> !stopping)
                    .retry()
                    .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                    .indefinitely()
                    .subscribe()
                    .with(
                            ignored -> {
                                if (message.qosLevel() != MqttQoS.AT_MOST_ONCE && client.isConnected()) {
                                    message.ack();
                                }
                                done();
                            },
                            failure -> done());
        }

        private void done() {
            if (inFlight.decrementAndGet() == 0 && stopping) {
                drained.complete(null);
            }
        }

        void close() {
            if (client == null || !client.isConnected()) {
                return;
            }
            try {
                client.unsubscribe(subscription())
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(2, TimeUnit.SECONDS);
                if (inFlight.get() == 0) {
                    drained.complete(null);
                }
                drained.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                LOG.warnf("MQTT %s: %d messages still in progress at shutdown", clientId, inFlight.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.debugf("MQTT %s did not unsubscribe cleanly: %s", clientId, e.toString());
            }
            try {
                client.disconnect().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debugf("MQTT %s did not close cleanly: %s", clientId, e.toString());
            }
        }
    }
}
