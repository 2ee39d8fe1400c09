package io.iotsphere.asset.rest;

import java.util.Map;
import java.util.Set;

/**
 * A PATCH body read as a JSON merge patch (RFC 7396): the typed value, and which fields the client named. A named
 * field replaces the stored value ({@code null} clears it); a field left out keeps it. Nested objects merge the same
 * way.
 */
public record Patch<T>(T value, Set<String> fields, Map<String, Set<String>> nested) {

    public boolean has(String field) {
        return fields.contains(field);
    }

    /** Whether the client named {@code field} inside the object {@code object}. */
    public boolean has(String object, String field) {
        return nested.getOrDefault(object, Set.of()).contains(field);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
