package io.iotsphere.gateway.proxy;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** RFC 7807 answers written straight on a Vert.x response (the proxy is below JAX-RS). */
public final class ProblemResponses {

    public static final String TYPE = "application/problem+json";

    private ProblemResponses() {}

    public static void send(HttpServerResponse response, int status, String title, String detail, String instance) {
        if (response.ended() || response.headWritten()) {
            response.reset();
            return;
        }
        JsonObject problem = new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
        response.setStatusCode(status).putHeader("Content-Type", TYPE).end(problem.encode());
    }
}
