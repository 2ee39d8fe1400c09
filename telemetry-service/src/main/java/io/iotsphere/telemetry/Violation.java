package io.iotsphere.telemetry;

/**
 * One thing wrong with a device payload: where (a JSON pointer into the payload, {@code /readings/2/values/tankTempF})
 * and why.
 */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
