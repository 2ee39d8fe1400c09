package io.iotsphere.command.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.command.service.CommandMetrics;
import io.iotsphere.commons.messaging.DeadLetters;
import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.command.CommandDispatched;
import io.iotsphere.mqtt.MqttGateway;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Carries {@code command.dispatched} events from {@code device-commands} to the devices over MQTT:
 * {@code iotsphere/<tenant>/devices/<id>/commands}, QoS 1, the event's {@code data} as the message (see README). The
 * events come from the transactional outbox, so every dispatch reaches Kafka; a batch's offsets are committed only
 * once the broker acknowledged every message of it (retried until it does), so every dispatch reaches the broker at
 * least once, in order per device. Attempts whose timeout (or expiry) already passed are not sent: their retry is.
 */
@ApplicationScoped
public class MqttCommandBridge {

    private static final Logger LOG = Logger.getLogger(MqttCommandBridge.class);

    @Inject
    MqttGateway mqtt;

    @Inject
    EventCodec codec;

    private final DeadLetters deadLetters;

    @Inject
    public MqttCommandBridge(@Channel("dead-letters") MutinyEmitter<String> deadLetterEmitter) {
        this.deadLetters = new DeadLetters(deadLetterEmitter);
    }

    @Inject
    CommandMetrics metrics;

    private record Delivery(String topic, String payload) {}

    @Incoming("device-commands")
    public Uni<Void> onDispatched(KafkaRecordBatch<String, String> batch) {
        List<Delivery> deliveries = new ArrayList<>();
        Instant now = Instant.now();
        int stale = 0;
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                CloudEvent<JsonNode> event = codec.decode(record.getPayload());
                if (!EventTypes.COMMAND_DISPATCHED.equals(event.type())) {
                    continue;
                }
                if (!Caller.validTenant(event.tenant())) {
                    throw new IllegalArgumentException("the event has no valid tenant");
                }
                CommandDispatched d = codec.data(event, CommandDispatched.class);
                boolean timedOut =
                        d.dispatchedAt().plusSeconds(d.timeoutSeconds()).isBefore(now);
                boolean expired = d.expiresAt() != null && !d.expiresAt().isAfter(now);
                if (timedOut || expired) {
                    stale++;
                    continue;
                }
                deliveries.add(new Delivery(
                        mqtt.deviceTopic(event.tenant(), d.deviceId(), "commands"),
                        event.data().toString()));
            } catch (RuntimeException e) {
                reject(record, e);
            }
        }
        if (stale > 0) {
            metrics.mqttSkipped(stale);
        }
        return Uni.createFrom()
                .deferred(() -> publishAll(deliveries))
                .onFailure()
                .invoke(e -> LOG.warnf(
                        "delivering %d commands over MQTT failed, retrying: %s", deliveries.size(), e.getMessage()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .indefinitely()
                .invoke(() -> metrics.mqttPublished(deliveries.size()))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** To the dead-letter topic; a record that cannot even be rejected is logged, never stops the channel. */
    private void reject(KafkaRecord<String, String> record, RuntimeException e) {
        try {
            deadLetters.reject(record, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "record %s could not be sent to the dead-letter topic", record.getPayload());
        }
    }

    /** Publishes in order on the one connection (so the broker keeps the order per device), then awaits the acks. */
    private Uni<Void> publishAll(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // publishAtLeastOnce sends at once (each call), so the messages leave in this order.
        List<Uni<Void>> acks = new ArrayList<>();
        for (Delivery d : deliveries) {
            acks.add(mqtt.publishAtLeastOnce(d.topic(), d.payload()));
        }
        return Uni.join().all(acks).andFailFast().replaceWithVoid();
    }
}
