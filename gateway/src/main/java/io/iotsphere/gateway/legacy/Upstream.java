package io.iotsphere.gateway.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsphere.commons.rest.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;

/** How the legacy paths call the services: a time limit, and every failure turned into a problem for the caller. */
final class Upstream {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Upstream() {}

    /** An upstream answer; its errors become problems of the same status, an unreachable service a 502. */
    static <T> Uni<T> call(Uni<T> upstream) {
        return upstream.ifNoItem()
                .after(TIMEOUT)
                .failWith(() -> Problems.of(Response.Status.GATEWAY_TIMEOUT, "a service did not answer in time"))
                .onFailure(WebApplicationException.class)
                .transform(e -> {
                    Response r = ((WebApplicationException) e).getResponse();
                    Response.Status status = Response.Status.fromStatusCode(r.getStatus());
                    return Problems.of(status == null ? Response.Status.BAD_GATEWAY : status, detail(r));
                })
                .onFailure(f -> !(f instanceof HttpProblem))
                .transform(e -> Problems.of(Response.Status.BAD_GATEWAY, "a service is unavailable"));
    }

    /** The answer, or null when the service has nothing (any problem): for the parts a view can show without. */
    static <T> Uni<T> optional(Uni<T> upstream) {
        return call(upstream).onFailure(HttpProblem.class).recoverWithNull();
    }

    /** The registry's device, if it is of the type; a device of another type is as unknown as a missing one. */
    static Uni<JsonNode> deviceOfType(Uni<JsonNode> device, String type, String what) {
        return call(device).invoke(found -> {
            if (!type.equals(found.path("type").asText())) {
                throw Problems.notFound(what + " not found");
            }
        });
    }

    /** Every item, in order; none for no calls. */
    static <T> Uni<List<T>> all(List<Uni<T>> calls) {
        return calls.isEmpty()
                ? Uni.createFrom().item(List.<T>of())
                : Uni.join().all(calls).andFailFast();
    }

    /** Adds to a registry patch the device's attributes with the free-text location the original APIs had. */
    static void setLocation(ObjectNode patch, JsonNode device, String location) {
        if (location != null) {
            ObjectNode attributes = device.path("attributes").isObject()
                    ? ((ObjectNode) device.get("attributes")).deepCopy()
                    : patch.objectNode();
            attributes.put("location", location);
            patch.set("attributes", attributes);
        }
    }

    static boolean isNotFound(Throwable failure) {
        return failure instanceof HttpProblem p && p.getStatusCode() == 404;
    }

    static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Double number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isNumber() ? null : value.asDouble();
    }

    private static String detail(Response response) {
        try {
            JsonNode body = response.readEntity(JsonNode.class);
            return body.path("detail").asText(response.getStatusInfo().getReasonPhrase());
        } catch (RuntimeException e) {
            return response.getStatusInfo().getReasonPhrase();
        }
    }
}
