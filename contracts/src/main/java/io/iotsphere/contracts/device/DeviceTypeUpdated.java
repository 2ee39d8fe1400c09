package io.iotsphere.contracts.device;

import java.time.Instant;

/**
 * {@code io.iotsphere.device-type.updated.v1}: a device type was defined or changed (subject = type id). Types are a
 * platform-wide catalog, so the envelope's tenant is {@code *}. Services that validate telemetry or commands keep a
 * copy of the catalog from these events.
 */
public record DeviceTypeUpdated(
        String typeId,
        String displayName,
        String description,
        Capabilities capabilities,
        long version,
        Instant updatedAt) {

    /** The tenant of catalog-wide events. */
    public static final String ALL_TENANTS = "*";
}
