package io.iotsphere.commons.rest;

import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** The problems services answer most, as RFC 7807 {@code application/problem+json} exceptions to throw. */
public final class Problems {

    private Problems() {}

    public static HttpProblem of(Response.Status status, String detail) {
        return HttpProblem.builder()
                .withStatus(status)
                .withTitle(status.getReasonPhrase())
                .withDetail(detail)
                .build();
    }

    public static HttpProblem badRequest(String detail) {
        return of(Response.Status.BAD_REQUEST, detail);
    }

    /** Also for another tenant's entity: existence must not leak across tenants. */
    public static HttpProblem notFound(String detail) {
        return of(Response.Status.NOT_FOUND, detail);
    }

    public static HttpProblem conflict(String detail) {
        return of(Response.Status.CONFLICT, detail);
    }

    public static HttpProblem unauthorized(String detail) {
        return of(Response.Status.UNAUTHORIZED, detail);
    }

    public static HttpProblem forbidden(String detail) {
        return of(Response.Status.FORBIDDEN, detail);
    }

    public static HttpProblem tooManyRequests(String detail, Duration retryAfter) {
        return HttpProblem.builder()
                .withStatus(Response.Status.TOO_MANY_REQUESTS)
                .withTitle(Response.Status.TOO_MANY_REQUESTS.getReasonPhrase())
                .withDetail(detail)
                .withHeader("Retry-After", Math.max(1, retryAfter.toSeconds()))
                .build();
    }
}
