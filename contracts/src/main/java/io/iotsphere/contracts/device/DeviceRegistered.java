package io.iotsphere.contracts.device;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code io.iotsphere.device.registered.v1}: a device was added to the registry. */
public record DeviceRegistered(
        String deviceId,
        String deviceType,
        String name,
        String manufacturer,
        String model,
        String serialNumber,
        boolean simulated,
        List<String> tags,
        Map<String, String> attributes,
        Instant registeredAt) {}
