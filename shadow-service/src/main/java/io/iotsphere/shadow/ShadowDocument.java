package io.iotsphere.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A device shadow: {@code desired} and {@code reported} state, the per-field timestamps of both ({@code metadata}, the
 * same shape as the state with {@code {"timestamp": <epoch ms>}} at each leaf), the version and the time of the last
 * accepted update. The delta is derived, never stored. Mutable: the service works on a copy per update, whose
 * sections the update does not change are shared with the original.
 */
public final class ShadowDocument {

    public static final String DESIRED = "desired";
    public static final String REPORTED = "reported";
    public static final String DELTA = "delta";
    static final String TIMESTAMP = "timestamp";

    private ObjectNode desired;
    private ObjectNode reported;
    private ObjectNode desiredMeta;
    private ObjectNode reportedMeta;
    private long version;
    private long timestamp;

    private ShadowDocument(
            ObjectNode desired,
            ObjectNode reported,
            ObjectNode desiredMeta,
            ObjectNode reportedMeta,
            long version,
            long timestamp) {
        this.desired = desired;
        this.reported = reported;
        this.desiredMeta = desiredMeta;
        this.reportedMeta = reportedMeta;
        this.version = version;
        this.timestamp = timestamp;
    }

    /** A shadow that does not exist yet (or was deleted): empty sections, version 0. */
    public static ShadowDocument empty() {
        return new ShadowDocument(
                ShadowJson.object(), ShadowJson.object(), ShadowJson.object(), ShadowJson.object(), 0, 0);
    }

    /** Reads the stored form (see {@link #toStored()}). */
    public static ShadowDocument fromStored(JsonNode stored) {
        JsonNode state = stored.path("state");
        JsonNode metadata = stored.path("metadata");
        return new ShadowDocument(
                objectOrEmpty(state.get(DESIRED)),
                objectOrEmpty(state.get(REPORTED)),
                objectOrEmpty(metadata.get(DESIRED)),
                objectOrEmpty(metadata.get(REPORTED)),
                stored.path("version").asLong(),
                stored.path(TIMESTAMP).asLong());
    }

    private static ObjectNode objectOrEmpty(JsonNode node) {
        return node instanceof ObjectNode object ? object : ShadowJson.object();
    }

    /**
     * A copy to modify: the desired section (and its metadata) copied when {@code desiredToo}, the reported one when
     * {@code reportedToo}; the others are shared, and must not be modified in either document.
     */
    public ShadowDocument copy(boolean desiredToo, boolean reportedToo) {
        return new ShadowDocument(
                desiredToo ? desired.deepCopy() : desired,
                reportedToo ? reported.deepCopy() : reported,
                desiredToo ? desiredMeta.deepCopy() : desiredMeta,
                reportedToo ? reportedMeta.deepCopy() : reportedMeta,
                version,
                timestamp);
    }

    public ObjectNode desired() {
        return desired;
    }

    public ObjectNode reported() {
        return reported;
    }

    public ObjectNode desiredMetadata() {
        return desiredMeta;
    }

    public ObjectNode reportedMetadata() {
        return reportedMeta;
    }

    public long version() {
        return version;
    }

    public long timestamp() {
        return timestamp;
    }

    public void stamp(long newVersion, long newTimestamp) {
        this.version = newVersion;
        this.timestamp = newTimestamp;
    }

    void clearDesired() {
        desired = ShadowJson.object();
        desiredMeta = ShadowJson.object();
    }

    void clearReported() {
        reported = ShadowJson.object();
        reportedMeta = ShadowJson.object();
    }

    /** Every desired field whose value differs from the reported one; nested objects compared field by field. */
    public ObjectNode delta() {
        return StateMerge.delta(desired, reported);
    }

    /**
     * {@code {"desired": ..., "reported": ...}}: the state as events carry it. Shares the sections with this document
     * (no copy): it is written out at once, and a document is not modified once written.
     */
    public ObjectNode state() {
        ObjectNode state = ShadowJson.object();
        state.set(DESIRED, desired);
        state.set(REPORTED, reported);
        return state;
    }

    /** What is kept in Redis: state and metadata, version and timestamp; no delta. */
    public ObjectNode toStored() {
        ObjectNode doc = ShadowJson.object();
        ObjectNode state = doc.putObject("state");
        state.set(DESIRED, desired);
        state.set(REPORTED, reported);
        ObjectNode metadata = doc.putObject("metadata");
        metadata.set(DESIRED, desiredMeta);
        metadata.set(REPORTED, reportedMeta);
        doc.put("version", version);
        doc.put(TIMESTAMP, timestamp);
        return doc;
    }

    /** What clients read: the stored form (fresh containers, shared sections) with the delta added to {@code state}. */
    public ObjectNode toView() {
        ObjectNode view = toStored();
        ((ObjectNode) view.get("state")).set(DELTA, delta());
        return view;
    }

    /**
     * What a device receives on {@code .../shadow/delta}: the delta, the desired metadata of the fields in it, the
     * version and the timestamp.
     */
    public ObjectNode deltaMessage() {
        ObjectNode delta = delta();
        ObjectNode message = ShadowJson.object();
        message.set("state", delta);
        message.set("metadata", restrict(desiredMeta, delta));
        message.put("version", version);
        message.put(TIMESTAMP, timestamp);
        return message;
    }

    /** The part of a metadata tree that covers the fields of {@code shape}. */
    private static ObjectNode restrict(ObjectNode metadata, ObjectNode shape) {
        ObjectNode out = ShadowJson.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = shape.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode meta = metadata.get(field.getKey());
            if (meta == null) {
                continue;
            }
            if (field.getValue() instanceof ObjectNode sub && meta instanceof ObjectNode subMeta && !isLeaf(subMeta)) {
                out.set(field.getKey(), restrict(subMeta, sub));
            } else {
                out.set(field.getKey(), meta.deepCopy());
            }
        }
        return out;
    }

    /** A metadata leaf is {@code {"timestamp": <number>}}; an object field's metadata mirrors its fields. */
    static boolean isLeaf(JsonNode meta) {
        return meta instanceof ObjectNode object
                && object.size() == 1
                && object.path(TIMESTAMP).isNumber();
    }
}
