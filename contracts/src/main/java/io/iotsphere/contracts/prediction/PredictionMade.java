package io.iotsphere.contracts.prediction;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * {@code io.iotsphere.prediction.made.v1}: a model's output for a device. {@code kind} names what was predicted
 * (lifespan, health-score, usage-pattern, ...); {@code value} is the headline number, {@code details} the rest.
 */
public record PredictionMade(
        String predictionId,
        String deviceId,
        String kind,
        String model,
        String modelVersion,
        double value,
        double confidence,
        JsonNode details,
        Instant at) {}
