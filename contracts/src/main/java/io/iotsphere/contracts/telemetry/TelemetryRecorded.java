package io.iotsphere.contracts.telemetry;

import java.util.List;

/**
 * {@code io.iotsphere.telemetry.reading.recorded.v1}: validated readings of one device, normalised to SI units and the
 * device type's field names. One event may carry a batch of readings of the same device.
 */
public record TelemetryRecorded(String deviceId, String deviceType, String manufacturer, List<Reading> readings) {}
