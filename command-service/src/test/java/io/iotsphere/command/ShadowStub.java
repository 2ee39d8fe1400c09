package io.iotsphere.command;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * shadow-service's API stubbed at the boundary: a real HTTP server (Vert.x) on a free port that records every call and
 * answers like the shadow would. Devices whose id starts with {@code shadow-down} get 503 (the shadow unreachable),
 * {@code shadow-unknown} 404; every other device 200.
 */
public class ShadowStub implements QuarkusTestResourceLifecycleManager {

    /** One call the service made: method, path, Authorization header, body. */
    public record Call(String method, String path, String authorization, String body) {}

    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    String path = request.path();
                    CALLS.add(new Call(
                            request.method().name(), path, request.getHeader("Authorization"), body.toString()));
                    String device = path.replaceFirst("^/api/v1/devices/([^/]+)/shadow$", "$1");
                    if (device.startsWith("shadow-down")) {
                        request.response().setStatusCode(503).end();
                    } else if (device.startsWith("shadow-unknown")) {
                        request.response()
                                .setStatusCode(404)
                                .putHeader("Content-Type", "application/problem+json")
                                .end("{\"status\":404,\"detail\":\"device '" + device + "' not found\"}");
                    } else {
                        request.response()
                                .putHeader("Content-Type", "application/json")
                                .end("{\"state\":{},\"version\":1}");
                    }
                }));
        try {
            server.listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the shadow-service stub", e);
        }
        return Map.of("quarkus.rest-client.shadow.url", "http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    /** The calls made for one device. */
    public static List<Call> callsFor(String deviceId) {
        return CALLS.stream()
                .filter(c -> c.path().equals("/api/v1/devices/" + deviceId + "/shadow"))
                .toList();
    }
}
