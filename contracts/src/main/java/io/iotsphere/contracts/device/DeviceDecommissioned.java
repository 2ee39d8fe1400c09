package io.iotsphere.contracts.device;

import java.time.Instant;

/** {@code io.iotsphere.device.decommissioned.v1}: the device is retired; its credentials no longer work. */
public record DeviceDecommissioned(String deviceId, String deviceType, String reason, Instant decommissionedAt) {}
