package io.iotsphere.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The AWS IoT Device Shadow rules on JSON trees: an update changes only the fields it names, {@code null} deletes a
 * field, objects merge field by field, anything else (arrays included) replaces the old value whole; every field set
 * gets {@code {"timestamp": t}} in the metadata tree that mirrors the state.
 */
public final class StateMerge {

    private StateMerge() {}

    /** Merges {@code patch} into {@code target}, keeping {@code metadata} (the mirror of {@code target}) in step. */
    public static void merge(ObjectNode target, ObjectNode metadata, ObjectNode patch, long timestamp) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(name);
                metadata.remove(name);
            } else if (value instanceof ObjectNode patchObject) {
                JsonNode existing = target.get(name);
                JsonNode existingMeta = metadata.get(name);
                ObjectNode sub;
                ObjectNode subMeta;
                if (existing instanceof ObjectNode existingObject
                        && existingMeta instanceof ObjectNode existingMetaObject
                        && !ShadowDocument.isLeaf(existingMetaObject)) {
                    sub = existingObject;
                    subMeta = existingMetaObject;
                } else if (existing instanceof ObjectNode existingObject && existingObject.isEmpty()) {
                    sub = existingObject;
                    subMeta = metadata.putObject(name);
                } else {
                    sub = target.putObject(name);
                    subMeta = metadata.putObject(name);
                }
                merge(sub, subMeta, patchObject, timestamp);
            } else {
                target.set(name, value.deepCopy());
                metadata.set(name, leaf(timestamp));
            }
        }
    }

    /** Sets one (possibly nested) field, creating or replacing the objects on its path. */
    public static void set(ObjectNode target, ObjectNode metadata, String[] path, JsonNode value, long timestamp) {
        ObjectNode node = target;
        ObjectNode meta = metadata;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode next = node.get(path[i]);
            JsonNode nextMeta = meta.get(path[i]);
            if (next instanceof ObjectNode nextObject
                    && nextMeta instanceof ObjectNode nextMetaObject
                    && !ShadowDocument.isLeaf(nextMetaObject)) {
                node = nextObject;
                meta = nextMetaObject;
            } else {
                node = node.putObject(path[i]);
                meta = meta.putObject(path[i]);
            }
        }
        node.set(path[path.length - 1], value);
        meta.set(path[path.length - 1], leaf(timestamp));
    }

    /** The timestamp of the field at {@code path}, or -1 when it has none. */
    public static long timestampOf(ObjectNode metadata, String[] path) {
        JsonNode meta = metadata;
        for (String segment : path) {
            meta = meta.get(segment);
            if (meta == null) {
                return -1;
            }
        }
        return ShadowDocument.isLeaf(meta) ? meta.get(ShadowDocument.TIMESTAMP).asLong() : -1;
    }

    static ObjectNode leaf(long timestamp) {
        ObjectNode leaf = ShadowJson.object();
        leaf.put(ShadowDocument.TIMESTAMP, timestamp);
        return leaf;
    }

    /**
     * Every desired field whose value differs from the reported one. Objects on both sides are compared field by field
     * (only the differing fields are in the delta); any other value is compared whole. Fields only reported are not
     * in the delta.
     */
    public static ObjectNode delta(ObjectNode desired, ObjectNode reported) {
        ObjectNode delta = ShadowJson.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode want = field.getValue();
            JsonNode have = reported.get(field.getKey());
            if (want instanceof ObjectNode wantObject && have instanceof ObjectNode haveObject) {
                ObjectNode sub = delta(wantObject, haveObject);
                if (!sub.isEmpty()) {
                    delta.set(field.getKey(), sub);
                }
            } else if (have == null || !same(want, have)) {
                delta.set(field.getKey(), want.deepCopy());
            }
        }
        return delta;
    }

    /** JSON equality where numbers compare by value ({@code 1}, {@code 1.0} and {@code 1e0} are the same). */
    public static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a instanceof ObjectNode objectA && b instanceof ObjectNode objectB) {
            if (objectA.size() != objectB.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = objectA.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = objectB.get(field.getKey());
                if (other == null || !same(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof ArrayNode arrayA && b instanceof ArrayNode arrayB) {
            if (arrayA.size() != arrayB.size()) {
                return false;
            }
            for (int i = 0; i < arrayA.size(); i++) {
                if (!same(arrayA.get(i), arrayB.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Nesting depth of a value: a scalar is 0, a flat object or array 1. */
    public static int depth(JsonNode node) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }
}
