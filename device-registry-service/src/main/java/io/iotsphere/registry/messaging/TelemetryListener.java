package io.iotsphere.registry.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsphere.commons.messaging.DeadLetters;
import io.iotsphere.commons.persistence.TenantKey;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.registry.service.PresenceService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Presence from {@code telemetry-readings}: every reading event is a sign of life of its device. Consumes in batches
 * and writes once per batch; the batch is acknowledged (offsets committed) only after the write. Only the envelope is
 * read (tenant, subject, time): a record without them goes to the dead-letter topic with the reason; a database
 * failure is retried, so no sighting is lost.
 */
@ApplicationScoped
public class TelemetryListener {

    private static final Logger LOG = Logger.getLogger(TelemetryListener.class);

    @Inject
    PresenceService presence;

    @Inject
    ObjectMapper mapper;

    private final DeadLetters deadLetters;

    @Inject
    public TelemetryListener(@Channel("dead-letters") MutinyEmitter<String> deadLetterEmitter) {
        this.deadLetters = new DeadLetters(deadLetterEmitter);
    }

    @Incoming("readings")
    public Uni<Void> onReadings(KafkaRecordBatch<String, String> batch) {
        Map<TenantKey, Instant> latest = new HashMap<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                JsonNode event = mapper.readTree(record.getPayload());
                String tenant = text(event, "tenant");
                String device = text(event, "subject");
                Instant time = Instant.parse(text(event, "time"));
                if (!Caller.validTenant(tenant) || device == null) {
                    throw new IllegalArgumentException("the envelope has no valid tenant or subject");
                }
                latest.merge(new TenantKey(tenant, device), time, (a, b) -> a.isAfter(b) ? a : b);
            } catch (Exception e) {
                deadLetters.reject(record, reason(e));
            }
        }
        return presence.seen(latest)
                .onFailure()
                .invoke(e -> LOG.warnf("recording presence failed, retrying: %s", e.getMessage()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private static String text(JsonNode event, String field) {
        JsonNode node = event.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("the envelope has no '" + field + "'");
        }
        return node.asText();
    }

    private static String reason(Exception e) {
        if (e instanceof DateTimeParseException) {
            return "the envelope's time is not an RFC 3339 timestamp";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
