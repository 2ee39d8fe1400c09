package io.iotsphere.simulator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The device registry's and the telemetry service's HTTP APIs, stubbed at the boundary: bulk registration answers
 * each device with a secret, the token exchange gives a token for the right secret, telemetry takes payloads with a
 * device token. What was asked is recorded for the tests.
 */
public class RegistryStub implements QuarkusTestResourceLifecycleManager {

    public record Call(String path, String authorization, String body) {}

    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    String path = request.path();
                    CALLS.add(new Call(path, request.getHeader("Authorization"), body.toString()));
                    var response = request.response().putHeader("Content-Type", "application/json");
                    if (path.equals("/api/v1/devices/bulk")) {
                        JsonArray registered = new JsonArray();
                        for (Object d : body.toJsonObject().getJsonArray("devices")) {
                            JsonObject device = (JsonObject) d;
                            registered.add(new JsonObject()
                                    .put("device", device.copy().put("status", "registered"))
                                    .put("secret", "secret-of-" + device.getString("id")));
                        }
                        response.setStatusCode(201)
                                .end(new JsonObject().put("devices", registered).encode());
                    } else if (path.matches("/api/v1/devices/[^/]+/token")) {
                        String id = path.split("/")[4];
                        if (("secret-of-" + id).equals(body.toJsonObject().getString("secret"))) {
                            response.end(new JsonObject()
                                    .put("accessToken", "token-of-" + id)
                                    .put("tokenType", "Bearer")
                                    .put("expiresIn", 3600)
                                    .encode());
                        } else {
                            response.setStatusCode(401).end("{}");
                        }
                    } else if (path.matches("/api/v1/devices/[^/]+/telemetry")) {
                        String id = path.split("/")[4];
                        response.setStatusCode(
                                        ("Bearer token-of-" + id).equals(request.getHeader("Authorization"))
                                                ? 202
                                                : 401)
                                .end("{}");
                    } else {
                        response.setStatusCode(404).end("{}");
                    }
                }));
        try {
            server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the registry stub", e);
        }
        String url = "http://localhost:" + server.actualPort();
        return Map.of("quarkus.rest-client.registry.url", url, "quarkus.rest-client.telemetry.url", url);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
