package io.iotsphere.asset.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.iotsphere.commons.rest.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads JSON request bodies into the API's records, strictly: a field the API does not know, a value of the wrong
 * type or a broken constraint is a 400 problem naming the field. (The service's global mapper stays lenient, because
 * events are read with it and a producer adding a field must not break this consumer.)
 */
@ApplicationScoped
public class Bodies {

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    /** The body as a {@code type}, validated. */
    public <T> T read(JsonNode body, Class<T> type) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw Problems.badRequest("a JSON body is required");
        }
        if (!body.isObject()) {
            throw Problems.badRequest("the body must be a JSON object");
        }
        T value;
        try {
            value = mapper.readerFor(type)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(body);
        } catch (IOException e) {
            throw Problems.badRequest(describe(e));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }

    /** The body as a merge patch of {@code type}: validated, with the fields it names. */
    public <T> Patch<T> patch(JsonNode body, Class<T> type) {
        T value = read(body, type);
        Set<String> fields = new LinkedHashSet<>();
        Map<String, Set<String>> nested = new HashMap<>();
        body.properties().forEach(field -> {
            fields.add(field.getKey());
            if (field.getValue().isObject()) {
                Set<String> inner = new LinkedHashSet<>();
                field.getValue().fieldNames().forEachRemaining(inner::add);
                nested.put(field.getKey(), inner);
            }
        });
        return new Patch<>(value, fields, nested);
    }

    static String describe(IOException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null
                    ? ""
                    : " (known: "
                            + u.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .collect(Collectors.joining(", "))
                            + ")";
            return "unknown field '" + path(u) + "'" + known;
        }
        if (e instanceof InvalidFormatException f) {
            return path(f) + ": '" + f.getValue() + "' is not a valid " + typeName(f.getTargetType());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return path(m) + ": " + m.getOriginalMessage();
        }
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "BigDecimal", "Double", "double" -> "number";
            case "Integer", "int", "Long", "long" -> "whole number";
            case "Boolean", "boolean" -> "true or false";
            default -> type.getSimpleName();
        };
    }
}
