package io.iotsphere.registry.rest;

import io.iotsphere.registry.Device;
import io.iotsphere.registry.messaging.LifecycleEvents;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A device as the API shows it. {@code status}: registered, active, online, offline or decommissioned. */
public record DeviceView(
        String id,
        String tenant,
        String type,
        String name,
        String manufacturer,
        String model,
        String serialNumber,
        List<String> tags,
        Map<String, String> attributes,
        boolean simulated,
        String status,
        boolean online,
        Instant lastSeen,
        Instant createdAt,
        Instant updatedAt,
        Instant decommissionedAt,
        String decommissionReason,
        long version) {

    public static DeviceView of(Device d) {
        return new DeviceView(
                d.id,
                d.tenant,
                d.type,
                d.name,
                d.manufacturer,
                d.model,
                d.serialNumber,
                List.of(d.tags),
                d.attributes,
                d.simulated,
                LifecycleEvents.status(d).name().toLowerCase(),
                d.online,
                d.lastSeen,
                d.createdAt,
                d.updatedAt,
                d.decommissionedAt,
                d.decommissionReason,
                d.version);
    }
}
