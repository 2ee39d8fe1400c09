package io.iotsphere.command.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a device says about one of its commands, over HTTP (the same as over MQTT). */
public record ResultRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = "acknowledged|completed|failed", message = "must be acknowledged, completed or failed")
        String status,

        JsonNode result,

        @Size(max = 2048, message = "must be at most 2048 characters")
        String error) {}
