package io.iotsphere.contracts.shadow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code io.iotsphere.shadow.updated.v1}: a shadow update was accepted. {@code previous} and {@code current} are the
 * {@code state} sections ({@code desired}, {@code reported}) before and after; {@code delta} is desired minus reported.
 */
public record ShadowUpdated(
        String deviceId,
        String shadowName,
        long version,
        JsonNode previous,
        JsonNode current,
        JsonNode delta,
        String clientToken,
        String updatedBy) {}
