package io.iotsphere.contracts.device;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code io.iotsphere.device.updated.v1}: the device's descriptive fields after a change. */
public record DeviceUpdated(
        String deviceId,
        String deviceType,
        String name,
        String manufacturer,
        String model,
        String serialNumber,
        DeviceStatus status,
        List<String> tags,
        Map<String, String> attributes,
        Instant updatedAt) {}
