package io.iotsphere.command.client;

/** shadow-service answered, and refused (4xx): not a failure to retry or to open the circuit for. */
public class ShadowRejectedException extends RuntimeException {

    private final int status;

    public ShadowRejectedException(int status, String detail) {
        super("shadow-service answered " + status + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.status = status;
    }

    public int status() {
        return status;
    }
}
