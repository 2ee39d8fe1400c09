package io.iotsphere.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks an update document:
 * {@code {"state": {"desired": {...}|null, "reported": {...}|null}, "version": N, "clientToken": "..."}}. Anything
 * else is refused with a 400 problem that says what and where; a body over the size limit with 413.
 */
public final class UpdateParser {

    public static final int MAX_CLIENT_TOKEN_BYTES = 64;
    public static final int MAX_FIELD_NAME_LENGTH = 128;

    private static final Set<String> TOP_LEVEL = Set.of("state", "version", "clientToken");

    private final int maxDepth;
    private final int maxRequestBytes;

    public UpdateParser(int maxDepth, int maxRequestBytes) {
        this.maxDepth = maxDepth;
        this.maxRequestBytes = maxRequestBytes;
    }

    public ShadowUpdate parse(String body) {
        if (body == null || body.isBlank()) {
            throw Problems.invalid("the body must be a JSON object with a 'state'");
        }
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxRequestBytes) {
            throw Problems.tooLarge("the update is " + bytes + " bytes; at most " + maxRequestBytes + " are accepted");
        }
        JsonNode root;
        try {
            root = ShadowJson.parse(body);
        } catch (JsonProcessingException e) {
            throw Problems.invalid("not valid JSON: " + e.getOriginalMessage() + location(e));
        }
        return parse(root);
    }

    public ShadowUpdate parse(JsonNode root) {
        if (!(root instanceof ObjectNode document)) {
            throw Problems.invalid("the body must be a JSON object with a 'state'");
        }
        for (Iterator<String> it = document.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!TOP_LEVEL.contains(name)) {
                throw Problems.invalid("/" + name + ": unknown field; an update has 'state', 'version', 'clientToken'");
            }
        }
        JsonNode state = document.get("state");
        if (!(state instanceof ObjectNode stateObject)) {
            throw Problems.invalid("/state: required, an object with 'desired' and/or 'reported'");
        }
        JsonNode desired = null;
        JsonNode reported = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = stateObject.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            switch (section.getKey()) {
                case ShadowDocument.DESIRED -> desired = section(section.getKey(), section.getValue());
                case ShadowDocument.REPORTED -> reported = section(section.getKey(), section.getValue());
                case ShadowDocument.DELTA ->
                    throw Problems.invalid(
                            "/state/delta: the delta is computed from desired and reported and cannot be set");
                default ->
                    throw Problems.invalid(
                            "/state/" + section.getKey() + ": unknown section; a state has 'desired' and 'reported'");
            }
        }
        if (desired == null && reported == null) {
            throw Problems.invalid("/state: names neither 'desired' nor 'reported'");
        }
        return new ShadowUpdate(desired, reported, version(document.get("version")), clientToken(document));
    }

    private JsonNode section(String name, JsonNode value) {
        if (value.isNull()) {
            return value;
        }
        if (!(value instanceof ObjectNode object)) {
            throw Problems.invalid("/state/" + name + ": must be an object (or null to clear it)");
        }
        int depth = StateMerge.depth(object);
        if (depth > maxDepth) {
            throw Problems.invalid(
                    "/state/" + name + ": nested " + depth + " levels deep; at most " + maxDepth + " are allowed");
        }
        checkNames("/state/" + name, object);
        return object;
    }

    private static void checkNames(String path, JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                if (name.isEmpty() || name.length() > MAX_FIELD_NAME_LENGTH) {
                    throw Problems.invalid(
                            path + ": field names must have 1 to " + MAX_FIELD_NAME_LENGTH + " characters");
                }
                checkNames(path + "/" + name, field.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                checkNames(path + "/[]", element);
            }
        }
    }

    private static Long version(JsonNode version) {
        if (version == null) {
            return null;
        }
        if (!version.isIntegralNumber() || !version.canConvertToLong() || version.asLong() < 0) {
            throw Problems.invalid("/version: must be a whole number, 0 or more");
        }
        return version.asLong();
    }

    private static String clientToken(ObjectNode document) {
        JsonNode token = document.get("clientToken");
        if (token == null) {
            return null;
        }
        if (!token.isTextual()
                || token.asText().isEmpty()
                || token.asText().getBytes(StandardCharsets.UTF_8).length > MAX_CLIENT_TOKEN_BYTES) {
            throw Problems.invalid("/clientToken: must be a string of 1 to " + MAX_CLIENT_TOKEN_BYTES + " bytes");
        }
        return token.asText();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }
}
