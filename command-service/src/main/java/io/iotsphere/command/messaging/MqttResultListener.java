package io.iotsphere.command.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsphere.command.service.CommandMetrics;
import io.iotsphere.command.service.ResultService;
import io.iotsphere.command.service.ResultService.Kind;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.contracts.Topics;
import io.iotsphere.mqtt.MqttGateway;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPublishMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Devices' results over MQTT: {@code iotsphere/<tenant>/devices/<id>/commands/results} with
 * {@code {"commandId": "...", "status": "acknowledged|completed|failed", "result": {...}, "error": "..."}}. The tenant
 * and device come from the topic (the broker's ACL lets a device publish on its own topics only), so a device can only
 * answer for its own commands. A message that is not such a result goes to {@code command-results.dlq} with the reason
 * and the MQTT topic in headers. The broker's delivery is acknowledged once the result is stored (retried for a minute
 * while the database is away).
 */
@ApplicationScoped
public class MqttResultListener {

    private static final Logger LOG = Logger.getLogger(MqttResultListener.class);
    private static final String SUFFIX = "commands/results";

    @Inject
    MqttGateway mqtt;

    @Inject
    ResultService results;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper mapper;

    @Inject
    CommandMetrics metrics;

    @Inject
    @Channel("rejected-results")
    MutinyEmitter<String> rejected;

    /** Prefix of every topic name (the test runs' topic copies; empty, that is absent, in production). */
    @ConfigProperty(name = "iotsphere.kafka.topic-prefix")
    Optional<String> topicPrefix;

    /** Registered before the gateway connects (it observes start-up later), so no result arrives unheard. */
    void onStart(@Observes StartupEvent event) {
        mqtt.listen(SUFFIX, this::onMessage);
    }

    void onMessage(MqttPublishMessage message) {
        String topic = message.topicName();
        String payload = message.payload().toString(StandardCharsets.UTF_8);
        String[] tenantAndDevice = mqtt.tenantAndDevice(topic, SUFFIX);
        String problem = null;
        JsonNode body = null;
        if (tenantAndDevice == null || !Caller.validTenant(tenantAndDevice[0])) {
            problem = "not a results topic of a tenant's device";
        } else {
            try {
                body = mapper.readTree(payload);
            } catch (Exception e) {
                problem = "not JSON";
            }
        }
        Kind kind = null;
        if (problem == null) {
            if (body == null || !body.isObject() || !text(body, "commandId")) {
                problem = "'commandId' is required";
            } else if ((kind = Kind.of(body.path("status").asText(null))) == null) {
                problem = "'status' must be acknowledged, completed or failed";
            } else if (body.has("error")
                    && !body.get("error").isNull()
                    && !body.get("error").isTextual()) {
                problem = "'error' must be a string";
            } else if (body.has("result")
                    && !body.get("result").isNull()
                    && !body.get("result").isObject()) {
                problem = "'result' must be an object";
            }
        }
        if (problem != null) {
            reject(topic, payload, problem);
            message.ack();
            return;
        }
        String tenant = tenantAndDevice[0];
        String deviceId = tenantAndDevice[1];
        JsonNode result = body.get("result");
        String error = body.hasNonNull("error") ? body.get("error").asText() : null;
        String commandId = body.get("commandId").asText();
        Kind resultKind = kind;
        // Hibernate Reactive needs a safe, duplicated Vert.x context of its own per message; this handler runs on the
        // MQTT connection's event loop (its root context), so the work goes to a new duplicate of it.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> results.apply(tenant, deviceId, commandId, resultKind, result, error, "mqtt")
                .replaceWith(true)
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .atMost(15)
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.errorf(
                            "result of command %s from %s could not be stored, dropped: %s",
                            commandId, topic, failure.getMessage());
                    return false;
                })
                .subscribe()
                .with(stored -> message.ack()));
    }

    private static boolean text(JsonNode body, String field) {
        return body.hasNonNull(field) && body.get(field).isTextual();
    }

    private void reject(String topic, String payload, String reason) {
        LOG.warnf("rejected MQTT message on %s to the dead-letter topic: %s", topic, reason);
        metrics.resultIgnored("mqtt", "invalid");
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-mqtt-topic", topic.getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topicPrefix.orElse("") + Topics.dlq(Topics.COMMAND_RESULTS))
                .withHeaders(headers)
                .build();
        rejected.sendMessageAndForget(Message.of(payload).addMetadata(metadata));
    }
}
