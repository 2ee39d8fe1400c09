package io.iotsphere.command.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.contracts.device.CommandParam;
import io.iotsphere.contracts.device.CommandSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Checks a command's parameters against its specification in the device type's capabilities: no unknown parameter,
 * every required one present, each of its type and within its range. Each problem names the parameter.
 */
public final class ParamsValidator {

    private ParamsValidator() {}

    public static List<String> problems(CommandSpec spec, JsonNode params) {
        List<String> problems = new ArrayList<>();
        List<CommandParam> declared = spec.params() == null ? List.of() : spec.params();
        Set<String> names = new HashSet<>();
        declared.forEach(p -> names.add(p.name()));
        for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                problems.add("params." + name + ": unknown parameter of '" + spec.name() + "'"
                        + (names.isEmpty()
                                ? " (it takes none)"
                                : " (it takes " + String.join(", ", sorted(names)) + ")"));
            }
        }
        for (CommandParam param : declared) {
            JsonNode value = params.get(param.name());
            if (value == null || value.isNull()) {
                if (param.required()) {
                    problems.add("params." + param.name() + ": is required");
                }
                continue;
            }
            String problem = problem(param, value);
            if (problem != null) {
                problems.add("params." + param.name() + ": " + problem);
            }
        }
        return problems;
    }

    private static String problem(CommandParam param, JsonNode value) {
        switch (param.type()) {
            case "number" -> {
                if (!value.isNumber()) {
                    return "must be a number";
                }
                return range(param, value.asDouble());
            }
            case "integer" -> {
                if (!value.isIntegralNumber()
                        && !(value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))) {
                    return "must be an integer";
                }
                return range(param, value.asDouble());
            }
            case "boolean" -> {
                return value.isBoolean() ? null : "must be true or false";
            }
            case "string" -> {
                if (!value.isTextual()) {
                    return "must be a string";
                }
                if (param.maxLength() != null && value.asText().length() > param.maxLength()) {
                    return "must be at most " + param.maxLength() + " characters";
                }
                return null;
            }
            case "enum" -> {
                List<String> values = param.values() == null ? List.of() : param.values();
                if (!value.isTextual() || !values.contains(value.asText())) {
                    return "must be one of " + values;
                }
                return null;
            }
            default -> {
                return "has a type this service does not know ('" + param.type() + "')";
            }
        }
    }

    private static String range(CommandParam param, double value) {
        if (!Double.isFinite(value)) {
            return "must be a finite number";
        }
        boolean belowMin = param.min() != null && value < param.min();
        boolean aboveMax = param.max() != null && value > param.max();
        if (!belowMin && !aboveMax) {
            return null;
        }
        String unit = param.unit() == null ? "" : " " + param.unit();
        if (param.min() != null && param.max() != null) {
            return "must be between " + number(param.min()) + " and " + number(param.max()) + unit + ", got "
                    + number(value);
        }
        return belowMin
                ? "must be at least " + number(param.min()) + unit + ", got " + number(value)
                : "must be at most " + number(param.max()) + unit + ", got " + number(value);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.valueOf(value);
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
