package io.iotsphere.registry.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A device's proof of identity: its tenant and the secret it received at registration. */
public record TokenRequest(
        @NotNull(message = "is required") @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,62}$", message = "is not a tenant id")
        String tenant,

        @NotNull(message = "is required") @Size(min = 1, max = 256)
        String secret) {}
