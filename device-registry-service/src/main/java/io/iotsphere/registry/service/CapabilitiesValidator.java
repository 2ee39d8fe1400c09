package io.iotsphere.registry.service;

import io.iotsphere.contracts.device.Capabilities;
import io.iotsphere.contracts.device.CommandParam;
import io.iotsphere.contracts.device.CommandSpec;
import io.iotsphere.contracts.device.TelemetryField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a device type's capabilities; each problem names where it is, e.g. "capabilities.commands[1].params[0]". */
public final class CapabilitiesValidator {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    private static final Set<String> FIELD_TYPES = Set.of("number", "integer", "boolean");
    private static final Set<String> PARAM_TYPES = Set.of("number", "integer", "boolean", "string", "enum");
    private static final int MAX_FIELDS = 256;
    private static final int MAX_COMMANDS = 64;
    private static final int MAX_PARAMS = 32;

    private CapabilitiesValidator() {}

    public static List<String> problems(Capabilities capabilities) {
        List<String> problems = new ArrayList<>();
        if (capabilities.telemetry().size() > MAX_FIELDS) {
            problems.add("capabilities.telemetry: at most " + MAX_FIELDS + " fields");
        }
        if (capabilities.commands().size() > MAX_COMMANDS) {
            problems.add("capabilities.commands: at most " + MAX_COMMANDS + " commands");
        }
        Set<String> fields = new HashSet<>();
        for (int i = 0; i < capabilities.telemetry().size(); i++) {
            TelemetryField f = capabilities.telemetry().get(i);
            String at = "capabilities.telemetry[" + i + "]";
            if (f == null) {
                problems.add(at + ": must not be null");
                continue;
            }
            name(problems, at, f.name(), fields);
            if (f.type() == null || !FIELD_TYPES.contains(f.type())) {
                problems.add(at + ".type: must be one of " + FIELD_TYPES);
            }
            range(problems, at, f.min(), f.max());
            length(problems, at + ".unit", f.unit(), 32);
            length(problems, at + ".description", f.description(), 512);
        }
        Set<String> commands = new HashSet<>();
        for (int i = 0; i < capabilities.commands().size(); i++) {
            CommandSpec c = capabilities.commands().get(i);
            String at = "capabilities.commands[" + i + "]";
            if (c == null) {
                problems.add(at + ": must not be null");
                continue;
            }
            name(problems, at, c.name(), commands);
            length(problems, at + ".description", c.description(), 512);
            List<CommandParam> params = c.params() == null ? List.of() : c.params();
            if (params.size() > MAX_PARAMS) {
                problems.add(at + ".params: at most " + MAX_PARAMS + " parameters");
            }
            Set<String> names = new HashSet<>();
            for (int j = 0; j < params.size(); j++) {
                param(problems, at + ".params[" + j + "]", params.get(j), names);
            }
        }
        return problems;
    }

    private static void param(List<String> problems, String at, CommandParam p, Set<String> names) {
        if (p == null) {
            problems.add(at + ": must not be null");
            return;
        }
        name(problems, at, p.name(), names);
        if (p.type() == null || !PARAM_TYPES.contains(p.type())) {
            problems.add(at + ".type: must be one of " + PARAM_TYPES);
            return;
        }
        range(problems, at, p.min(), p.max());
        if (p.type().equals("enum") && (p.values() == null || p.values().isEmpty())) {
            problems.add(at + ".values: an enum needs at least one value");
        }
        if (!p.type().equals("enum") && p.values() != null) {
            problems.add(at + ".values: only an enum has values");
        }
        if (p.maxLength() != null && (p.maxLength() < 1 || !p.type().equals("string"))) {
            problems.add(at + ".maxLength: only a string has a maxLength, and it is at least 1");
        }
        length(problems, at + ".unit", p.unit(), 32);
        length(problems, at + ".description", p.description(), 512);
    }

    private static void name(List<String> problems, String at, String name, Set<String> seen) {
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(at + ".name: must be 1 to 63 lower-case letters, digits or '_', starting with a letter");
        } else if (!seen.add(name)) {
            problems.add(at + ".name: '" + name + "' appears twice");
        }
    }

    private static void range(List<String> problems, String at, Double min, Double max) {
        if (min != null && max != null && min > max) {
            problems.add(at + ": min (" + min + ") is above max (" + max + ")");
        }
    }

    private static void length(List<String> problems, String at, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(at + ": at most " + max + " characters");
        }
    }
}
