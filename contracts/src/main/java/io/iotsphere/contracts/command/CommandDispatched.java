package io.iotsphere.contracts.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** {@code io.iotsphere.command.dispatched.v1}: a command (attempt) sent to a device. */
public record CommandDispatched(
        String commandId,
        String deviceId,
        String name,
        JsonNode params,
        int attempt,
        int timeoutSeconds,
        Instant expiresAt,
        Instant dispatchedAt) {}
