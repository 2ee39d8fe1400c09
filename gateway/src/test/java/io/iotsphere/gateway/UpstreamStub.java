package io.iotsphere.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for every service behind the gateway (the boundary of the service under test). By default it echoes what
 * it received (method, path, query, the headers the gateway must pass on, body). Paths ending in {@code /slow} answer
 * after 4 s. {@code POST .../telemetry} also publishes the reading as the telemetry service would (to the topic prefix
 * the test names in {@code X-Test-Topic-Prefix}, tenant from the token). Devices, shadows, assets, slots and products
 * whose id starts with {@code legacy-} answer canned documents for the legacy-path tests (see {@link LegacyDocuments}).
 * Another service is pointed at a closed port.
 */
public class UpstreamStub implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private KafkaProducer<String, String> producer;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
        HttpServer server = vertx.createHttpServer().requestHandler(this::handle);
        try {
            server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the upstream stub", e);
        }
        String url = "http://localhost:" + server.actualPort();
        return Map.of(
                "iotsphere.services.registry", url,
                "iotsphere.services.asset", url,
                "iotsphere.services.telemetry", url,
                "iotsphere.services.shadow", url,
                "iotsphere.services.command", url,
                "iotsphere.services.prediction", url,
                "iotsphere.services.monitoring", url,
                "iotsphere.services.simulator", "http://127.0.0.1:1");
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String path = request.path();
            if (path.endsWith("/slow")) {
                vertx.setTimer(4000, t -> echo(request, body.toString()));
            } else if (path.startsWith("/api/v1/devices/legacy-")
                    && request.method().name().equals("GET")) {
                legacy(request, path);
            } else if (LegacyDocuments.answers(request, body.toString())) {
                return;
            } else {
                if (request.method().name().equals("POST") && path.endsWith("/telemetry")) {
                    publishReading(request, path);
                }
                echo(request, body.toString());
            }
        });
    }

    private void echo(HttpServerRequest request, String body) {
        JsonObject echo = new JsonObject()
                .put("method", request.method().name())
                .put("path", request.path())
                .put("query", request.query())
                .put("authorization", request.getHeader("Authorization"))
                .put("requestId", request.getHeader("X-Request-Id"))
                .put("traceparent", request.getHeader("traceparent"))
                .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                .put("body", body);
        request.response().putHeader("Content-Type", "application/json").end(echo.encode());
    }

    private void legacy(HttpServerRequest request, String path) {
        String id = path.split("/")[4];
        JsonObject answer;
        if (path.endsWith("/shadow") && id.contains("vending")) {
            answer = LegacyDocuments.vendingShadow();
        } else if (path.endsWith("/shadow")) {
            answer = new JsonObject()
                    .put(
                            "state",
                            new JsonObject()
                                    .put(
                                            "desired",
                                            new JsonObject()
                                                    .put("setpoint", 60.0)
                                                    .put("mode", "heat"))
                                    .put(
                                            "reported",
                                            new JsonObject()
                                                    .put("tank_temperature", 52.5)
                                                    .put("setpoint", 55.0)
                                                    .put("heating", 1)))
                    .put("version", 3);
        } else {
            answer = new JsonObject()
                    .put("id", id)
                    .put("type", id.contains("vending") ? "vending-machine" : "water-heater")
                    .put("name", "Heater " + id)
                    .put("manufacturer", "AquaTherm")
                    .put("status", id.endsWith("-off") ? "offline" : "online")
                    .put("online", !id.endsWith("-off"))
                    .put("attributes", new JsonObject().put("location", "Basement"));
        }
        request.response().putHeader("Content-Type", "application/json").end(answer.encode());
    }

    private void publishReading(HttpServerRequest request, String path) {
        String prefix = request.getHeader("X-Test-Topic-Prefix");
        String auth = request.getHeader("Authorization");
        if (prefix == null || auth == null) {
            return;
        }
        String[] parts = auth.substring(7).split("\\.");
        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        String device = path.split("/")[4];
        JsonObject event = new JsonObject()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", "/iotsphere/telemetry-service")
                .put("type", "io.iotsphere.telemetry.reading.recorded.v1")
                .put("time", Instant.now().toString())
                .put("subject", device)
                .put("tenant", claims.getString("tenant"))
                .put("datacontenttype", "application/json")
                .put(
                        "data",
                        new JsonObject()
                                .put("deviceId", device)
                                .put("deviceType", "water-heater")
                                .put(
                                        "readings",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("ts", Instant.now().toString())
                                                        .put(
                                                                "values",
                                                                new JsonObject().put("tank_temperature", 51.0)))));
        producer.send(new ProducerRecord<>(prefix + "telemetry-readings", device, event.encode()));
    }

    @Override
    public void stop() {
        if (producer != null) {
            producer.close();
        }
        if (vertx != null) {
            vertx.close();
        }
    }
}
