package io.iotsphere.shadow;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The errors of the shadow API, as RFC 7807 problems. Each has its own {@code type}, so that callers (and the
 * service's own consumers) can tell them apart without parsing the text.
 */
public final class Problems {

    public static final URI UNKNOWN_DEVICE = URI.create("urn:iotsphere:shadow:unknown-device");
    public static final URI NO_SHADOW = URI.create("urn:iotsphere:shadow:no-shadow");
    public static final URI VERSION_CONFLICT = URI.create("urn:iotsphere:shadow:version-conflict");
    public static final URI INVALID_UPDATE = URI.create("urn:iotsphere:shadow:invalid-update");
    public static final URI TOO_LARGE = URI.create("urn:iotsphere:shadow:too-large");
    public static final URI FORBIDDEN_SECTION = URI.create("urn:iotsphere:shadow:forbidden-section");
    public static final URI CONTENTION = URI.create("urn:iotsphere:shadow:contention");
    public static final URI STORE_UNAVAILABLE = URI.create("urn:iotsphere:shadow:store-unavailable");

    private Problems() {}

    /** The device is not known in the caller's tenant (another tenant's device is reported the same way). */
    public static HttpProblem unknownDevice(String deviceId) {
        return problem(
                UNKNOWN_DEVICE, Response.Status.NOT_FOUND, "Device not found", "device " + deviceId + " is not known");
    }

    public static HttpProblem noShadow(String deviceId) {
        return problem(
                NO_SHADOW, Response.Status.NOT_FOUND, "Shadow not found", "device " + deviceId + " has no shadow");
    }

    public static HttpProblem versionConflict(long expected, long current) {
        return HttpProblem.builder()
                .withType(VERSION_CONFLICT)
                .withStatus(Response.Status.CONFLICT)
                .withTitle("Version conflict")
                .withDetail("the update expects version " + expected + " but the shadow is at version " + current)
                .with("currentVersion", current)
                .build();
    }

    public static HttpProblem invalid(String detail) {
        return problem(INVALID_UPDATE, Response.Status.BAD_REQUEST, "Invalid shadow update", detail);
    }

    public static HttpProblem tooLarge(String detail) {
        return problem(TOO_LARGE, Response.Status.REQUEST_ENTITY_TOO_LARGE, "Shadow too large", detail);
    }

    public static HttpProblem forbidden(String detail) {
        return problem(FORBIDDEN_SECTION, Response.Status.FORBIDDEN, "Forbidden", detail);
    }

    public static HttpProblem contention(int attempts) {
        return HttpProblem.builder()
                .withType(CONTENTION)
                .withStatus(Response.Status.SERVICE_UNAVAILABLE)
                .withTitle("Too many concurrent updates")
                .withDetail("the shadow changed under " + attempts + " attempts in a row; retry")
                .withHeader("Retry-After", 1)
                .build();
    }

    public static HttpProblem storeUnavailable(Throwable cause) {
        return HttpProblem.builder()
                .withType(STORE_UNAVAILABLE)
                .withStatus(Response.Status.SERVICE_UNAVAILABLE)
                .withTitle("Shadow store unavailable")
                .withDetail("Redis did not answer: " + cause.getMessage())
                .withHeader("Retry-After", 2)
                .build();
    }

    public static boolean is(Throwable failure, URI type) {
        return failure instanceof HttpProblem problem && type.equals(problem.getType());
    }

    private static HttpProblem problem(URI type, Response.Status status, String title, String detail) {
        return HttpProblem.builder()
                .withType(type)
                .withStatus(status)
                .withTitle(title)
                .withDetail(detail)
                .build();
    }
}
