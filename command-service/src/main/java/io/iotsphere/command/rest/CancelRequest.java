package io.iotsphere.command.rest;

import jakarta.validation.constraints.Size;

/** Why a command is cancelled (optional). */
public record CancelRequest(
        @Size(max = 1024, message = "must be at most 1024 characters")
        String reason) {}
