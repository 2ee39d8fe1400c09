package io.iotsphere.telemetry.service;

import io.iotsphere.telemetry.Violation;
import java.util.List;

/** A device payload that is not one at all (not JSON, not an object, no readings...): rejected as a whole. */
public class PayloadException extends RuntimeException {

    private final transient List<Violation> violations;

    public PayloadException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public PayloadException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    public static String describe(List<Violation> violations) {
        StringBuilder sb = new StringBuilder();
        for (Violation v : violations) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(v);
        }
        return sb.toString();
    }
}
