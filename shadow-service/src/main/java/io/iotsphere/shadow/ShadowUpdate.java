package io.iotsphere.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An accepted update request: per section, {@code null} when the update does not name it, a JSON {@code null} when it
 * clears it, an object to merge otherwise; the version the caller expects (or {@code null}) and its client token.
 */
public record ShadowUpdate(JsonNode desired, JsonNode reported, Long version, String clientToken) {

    public boolean touchesDesired() {
        return desired != null;
    }

    public boolean touchesReported() {
        return reported != null;
    }

    /** Applies the update to {@code doc} (in place) at {@code timestamp} (epoch ms). */
    public void applyTo(ShadowDocument doc, long timestamp) {
        if (desired != null) {
            if (desired.isNull()) {
                doc.clearDesired();
            } else {
                StateMerge.merge(doc.desired(), doc.desiredMetadata(), (ObjectNode) desired, timestamp);
            }
        }
        if (reported != null) {
            if (reported.isNull()) {
                doc.clearReported();
            } else {
                StateMerge.merge(doc.reported(), doc.reportedMetadata(), (ObjectNode) reported, timestamp);
            }
        }
    }
}
