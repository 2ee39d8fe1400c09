package io.iotsphere.command.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.command.Command;
import io.iotsphere.command.CommandTransition;
import io.iotsphere.contracts.command.CommandStatus;
import java.time.Instant;
import java.util.List;

/** A command as the API shows it; {@code transitions} only when one command is read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandView(
        String id,
        String deviceId,
        String deviceType,
        String name,
        JsonNode params,
        CommandStatus status,
        int attempt,
        int maxRetries,
        int timeoutSeconds,
        Instant expiresAt,
        String idempotencyKey,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant sentAt,
        Instant deliveredAt,
        Instant finishedAt,
        JsonNode result,
        String error,
        String reason,
        String shadowSync,
        List<TransitionView> transitions) {

    /** One step of the command's history. */
    public record TransitionView(CommandStatus from, CommandStatus to, int attempt, String reason, Instant at) {

        static TransitionView of(CommandTransition t) {
            return new TransitionView(t.from, t.to, t.attempt, t.reason, t.at);
        }
    }

    public static CommandView of(Command c) {
        return of(c, null);
    }

    public static CommandView of(Command c, List<CommandTransition> transitions) {
        return new CommandView(
                c.id.toString(),
                c.deviceId,
                c.deviceType,
                c.name,
                c.params,
                c.status,
                c.attempt,
                c.maxRetries,
                c.timeoutSeconds,
                c.expiresAt,
                c.idempotencyKey,
                c.createdBy,
                c.createdAt,
                c.updatedAt,
                c.sentAt,
                c.deliveredAt,
                c.finishedAt,
                c.result,
                c.error,
                c.reason,
                c.shadowSync,
                transitions == null
                        ? null
                        : transitions.stream().map(TransitionView::of).toList());
    }
}
