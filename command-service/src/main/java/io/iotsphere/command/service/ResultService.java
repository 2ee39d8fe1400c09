package io.iotsphere.command.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.command.Command;
import io.iotsphere.command.Lifecycle;
import io.iotsphere.command.config.CommandConfig;
import io.iotsphere.contracts.command.CommandStatus;
import io.iotsphere.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What devices say about their commands (MQTT, Kafka {@code command-results}, HTTP), applied to the lifecycle:
 * acknowledged → DELIVERED, completed → SUCCEEDED, failed → FAILED. Idempotent: a duplicate changes nothing, a late or
 * out-of-order result that the lifecycle refuses (e.g. after SUCCEEDED, CANCELLED or EXPIRED) is ignored and counted.
 */
@ApplicationScoped
public class ResultService {

    private static final Logger LOG = Logger.getLogger(ResultService.class);

    /** What became of a result. */
    public enum Outcome {
        APPLIED,
        /** The command is already in the state the result asks for. */
        DUPLICATE,
        /** The lifecycle refuses the transition (the command went on, or ended). */
        REFUSED,
        /** No such command of that device in that tenant. */
        UNKNOWN
    }

    public record Applied(Outcome outcome, Command command) {}

    /** The kinds of result devices send. */
    public enum Kind {
        ACKNOWLEDGED(CommandStatus.DELIVERED),
        COMPLETED(CommandStatus.SUCCEEDED),
        FAILED(CommandStatus.FAILED);

        final CommandStatus target;

        Kind(CommandStatus target) {
            this.target = target;
        }

        /** acknowledged, completed or failed; null for anything else. */
        public static Kind of(String status) {
            if (status == null) {
                return null;
            }
            return switch (status) {
                case "acknowledged" -> ACKNOWLEDGED;
                case "completed" -> COMPLETED;
                case "failed" -> FAILED;
                default -> null;
            };
        }
    }

    static final int MAX_ERROR = 2048;

    @Inject
    Transitions transitions;

    @Inject
    Outbox outbox;

    @Inject
    CommandMetrics metrics;

    @Inject
    CommandConfig config;

    /**
     * Applies a result of the device's command.
     *
     * @param source where it came from (mqtt, kafka, http), for the metrics
     */
    public Uni<Applied> apply(
            String tenant, String deviceId, String commandId, Kind kind, JsonNode result, String error, String source) {
        UUID id;
        try {
            id = UUID.fromString(commandId);
        } catch (IllegalArgumentException | NullPointerException e) {
            metrics.resultIgnored(source, "unknown");
            return Uni.createFrom().item(new Applied(Outcome.UNKNOWN, null));
        }
        return Panache.withTransaction(() -> Command.<Command>find(
                                "id = ?1 and tenant = ?2 and deviceId = ?3", id, tenant, deviceId)
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .firstResult()
                        .chain(c -> {
                            if (c == null) {
                                return Uni.createFrom().item(new Applied(Outcome.UNKNOWN, null));
                            }
                            if (c.status == kind.target) {
                                return Uni.createFrom().item(new Applied(Outcome.DUPLICATE, c));
                            }
                            if (!Lifecycle.allowed(c.status, kind.target)) {
                                return Uni.createFrom().item(new Applied(Outcome.REFUSED, c));
                            }
                            if (result != null && !result.isNull() && fits(result)) {
                                c.result = result;
                            }
                            String reason = null;
                            if (kind == Kind.FAILED) {
                                c.error = error == null || error.isBlank()
                                        ? "the device gave no reason"
                                        : truncate(error);
                                reason = "device: " + c.error;
                            }
                            return transitions
                                    .apply(c, kind.target, reason, Instant.now())
                                    .replaceWith(new Applied(Outcome.APPLIED, c));
                        }))
                .invoke(applied -> {
                    switch (applied.outcome()) {
                        case APPLIED -> {
                            metrics.resultApplied(source);
                            outbox.flushSoon();
                        }
                        case DUPLICATE -> metrics.resultIgnored(source, "duplicate");
                        case REFUSED -> {
                            metrics.resultIgnored(source, "late");
                            LOG.debugf(
                                    "result %s of command %s ignored: the command is %s",
                                    kind, commandId, applied.command().status);
                        }
                        case UNKNOWN -> metrics.resultIgnored(source, "unknown");
                    }
                });
    }

    private boolean fits(JsonNode result) {
        return result.toString().getBytes(StandardCharsets.UTF_8).length <= config.maxJsonBytes();
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }
}
