package io.iotsphere.registry.rest;

import io.iotsphere.registry.DeviceCredential;
import java.time.Instant;

/** What is known of a device's credential (never the secret nor its hash). */
public record CredentialView(boolean active, Instant createdAt, Instant rotatedAt, Instant revokedAt) {

    public static CredentialView of(DeviceCredential c) {
        return new CredentialView(c.usable(), c.createdAt, c.rotatedAt, c.revokedAt);
    }
}
