package io.iotsphere.registry.rest;

import io.iotsphere.contracts.device.Capabilities;
import io.iotsphere.registry.DeviceType;
import java.time.Instant;

public record DeviceTypeView(
        String id,
        String displayName,
        String description,
        Capabilities capabilities,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public static DeviceTypeView of(DeviceType t) {
        return new DeviceTypeView(
                t.id, t.displayName, t.description, t.capabilities, t.version, t.createdAt, t.updatedAt);
    }
}
