package io.iotsphere.command.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.command.Command;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.command.CommandDispatched;
import io.iotsphere.contracts.command.CommandStatus;
import io.iotsphere.contracts.command.CommandStatusChanged;
import java.time.Instant;

/** The service's events, built from its entities (the one place domain → contract). */
public final class CommandEvents {

    /** Longest reason an event carries (the contract's limit). */
    static final int MAX_REASON = 2048;

    private CommandEvents() {}

    /** {@code command.dispatched} on {@code device-commands}: the attempt a device is to carry out. */
    public static CloudEvent<CommandDispatched> dispatched(Command c, Instant at) {
        return CloudEvent.of(
                Sources.COMMAND,
                EventTypes.COMMAND_DISPATCHED,
                c.deviceId,
                c.tenant,
                new CommandDispatched(
                        c.id.toString(),
                        c.deviceId,
                        c.name,
                        objectOrNull(c.params),
                        c.attempt,
                        c.timeoutSeconds,
                        c.expiresAt,
                        at));
    }

    /** {@code command.status-changed} on {@code command-status}. */
    public static CloudEvent<CommandStatusChanged> statusChanged(
            Command c, CommandStatus from, CommandStatus to, String reason, Instant at) {
        return CloudEvent.of(
                Sources.COMMAND,
                EventTypes.COMMAND_STATUS_CHANGED,
                c.deviceId,
                c.tenant,
                new CommandStatusChanged(
                        c.id.toString(), c.deviceId, c.name, from, to, c.attempt, truncate(reason), at));
    }

    private static JsonNode objectOrNull(JsonNode params) {
        return params != null && params.isObject() ? params : null;
    }

    static String truncate(String text) {
        return text == null || text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON);
    }
}
