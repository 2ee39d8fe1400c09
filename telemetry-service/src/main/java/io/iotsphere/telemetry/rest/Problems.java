package io.iotsphere.telemetry.rest;

import io.iotsphere.telemetry.Violation;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 7807 problems of this service, with {@code violations} shaped as for bean validation: field, in, message. */
public final class Problems {

    private Problems() {}

    public static HttpProblem badRequest(String in, List<Violation> violations, String detail) {
        return problem(Response.Status.BAD_REQUEST, detail, in, violations);
    }

    /** A query parameter that is wrong. */
    public static HttpProblem badParameter(String parameter, String message) {
        return problem(
                Response.Status.BAD_REQUEST,
                parameter + ": " + message,
                "query",
                List.of(new Violation(parameter, message)));
    }

    public static HttpProblem notFound(String detail) {
        return problem(Response.Status.NOT_FOUND, detail, null, List.of());
    }

    public static HttpProblem conflict(String detail) {
        return problem(Response.Status.CONFLICT, detail, null, List.of());
    }

    public static HttpProblem forbidden(String detail) {
        return problem(Response.Status.FORBIDDEN, detail, null, List.of());
    }

    public static HttpProblem unavailable(String detail) {
        return HttpProblem.builder()
                .withStatus(Response.Status.SERVICE_UNAVAILABLE)
                .withTitle(Response.Status.SERVICE_UNAVAILABLE.getReasonPhrase())
                .withDetail(detail)
                .withHeader("Retry-After", "5")
                .build();
    }

    private static HttpProblem problem(Response.Status status, String detail, String in, List<Violation> violations) {
        HttpProblem.Builder builder = HttpProblem.builder()
                .withStatus(status)
                .withTitle(status.getReasonPhrase())
                .withDetail(detail);
        if (!violations.isEmpty()) {
            List<Map<String, String>> list = new ArrayList<>();
            for (Violation v : violations) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("field", v.field());
                entry.put("in", in);
                entry.put("message", v.message());
                list.add(entry);
            }
            builder.with("violations", list);
        }
        return builder.build();
    }
}
