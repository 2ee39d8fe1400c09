package io.iotsphere.telemetry;

import java.time.Instant;
import java.util.Map;

/** The latest value of each metric a device reported, with the time of its reading. */
public record LatestValues(String deviceId, String deviceType, Map<String, Value> values) {

    public record Value(Instant ts, double value) {}
}
