package io.iotsphere.command.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/**
 * A command to send to a device. {@code params} is checked against the command's specification in the device type's
 * capabilities; the limits of {@code timeoutSeconds}, {@code maxRetries} and {@code expiresAt} come from the service's
 * configuration.
 */
public record CommandRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = Validation.COMMAND_NAME, message = Validation.COMMAND_NAME_MESSAGE)
        String name,

        JsonNode params,
        @Min(value = 1, message = "must be at least 1") Integer timeoutSeconds,
        Instant expiresAt,
        @Min(value = 0, message = "must be 0 or more") Integer maxRetries,

        @Pattern(regexp = Validation.IDEMPOTENCY_KEY, message = Validation.IDEMPOTENCY_KEY_MESSAGE)
        String idempotencyKey) {}
