package io.iotsphere.contracts.prediction;

import java.time.Instant;

/** {@code io.iotsphere.anomaly.detected.v1}: a metric of a device behaves unlike its learned normal. */
public record AnomalyDetected(
        String anomalyId,
        String deviceId,
        String metric,
        double observed,
        double expected,
        double score,
        String severity,
        String model,
        Instant at) {}
