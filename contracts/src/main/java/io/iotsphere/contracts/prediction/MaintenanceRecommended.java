package io.iotsphere.contracts.prediction;

import java.time.Instant;

/** {@code io.iotsphere.maintenance.recommended.v1}: an action the prediction service advises for a device. */
public record MaintenanceRecommended(
        String recommendationId,
        String deviceId,
        String action,
        String priority,
        String reason,
        Instant dueBy,
        Double estimatedCost,
        Double estimatedSavings,
        Instant at) {}
