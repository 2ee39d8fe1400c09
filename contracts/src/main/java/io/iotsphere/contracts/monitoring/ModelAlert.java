package io.iotsphere.contracts.monitoring;

import java.time.Instant;

/**
 * Payload of {@code io.iotsphere.model.alert.raised.v1} and {@code .resolved.v1}: a model health rule crossed (or
 * returned within) its threshold.
 */
public record ModelAlert(
        String alertId,
        String model,
        String modelVersion,
        String metric,
        String severity,
        double value,
        double threshold,
        String message,
        Instant at) {}
