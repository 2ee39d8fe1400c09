package io.iotsphere.contracts.telemetry;

import java.time.Instant;
import java.util.Map;

/** One reading: the device's timestamp and its metric values (booleans are carried as 0/1). */
public record Reading(Instant ts, Map<String, Double> values) {}
