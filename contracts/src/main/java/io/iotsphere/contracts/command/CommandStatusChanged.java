package io.iotsphere.contracts.command;

import java.time.Instant;

/** {@code io.iotsphere.command.status-changed.v1}: a command moved from one state to another. */
public record CommandStatusChanged(
        String commandId,
        String deviceId,
        String name,
        CommandStatus from,
        CommandStatus to,
        int attempt,
        String reason,
        Instant at) {}
