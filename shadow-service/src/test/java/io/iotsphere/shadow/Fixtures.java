package io.iotsphere.shadow;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.PresenceChanged;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.iotsphere.testsupport.KafkaTestClient;
import io.iotsphere.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the tests do as the rest of the platform would: the registry's and telemetry's events on the run's topics,
 * tokens of users and devices, HTTP calls to the shadow API, and reading what the service published.
 */
final class Fixtures {

    static final String PATH = "/api/v1/devices/{id}/shadow";
    static final String NO_SHADOW = "urn:iotsphere:shadow:no-shadow";
    static final String UNKNOWN_DEVICE = "urn:iotsphere:shadow:unknown-device";

    static final ObjectMapper EVENTS = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** Reads JSON keeping decimals exact, to compare documents by value. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Fixtures() {}

    /** A tenant of the test's own: MQTT topics and Redis keys of other tests never meet it. */
    static String tenant() {
        return "t" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }

    static String deviceId() {
        return "wh-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String operator(String tenant) {
        return TestTokens.user(tenant, "operator");
    }

    static String device(String tenant, String deviceId) {
        return TestTokens.device(tenant, deviceId);
    }

    // ------------------------------------------------------------------------------------------------ Kafka in

    static void send(String topic, String key, String json) {
        KafkaTestClient.send(topic, key, json);
    }

    static String encode(CloudEvent<?> event) {
        try {
            return EVENTS.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The registry announces the devices; returns once the service knows all of them. */
    static void register(String tenant, String... deviceIds) {
        for (String id : deviceIds) {
            DeviceRegistered payload = new DeviceRegistered(
                    id,
                    "water-heater",
                    "heater " + id,
                    "Acme",
                    "X1",
                    "SN-" + id,
                    true,
                    List.of(),
                    Map.of(),
                    Instant.now());
            send(
                    Topics.DEVICE_LIFECYCLE,
                    id,
                    encode(CloudEvent.of(Sources.DEVICE_REGISTRY, EventTypes.DEVICE_REGISTERED, id, tenant, payload)));
        }
        String token = operator(tenant);
        for (String id : deviceIds) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        Response r = get(token, id);
                        return r.statusCode() == 200 || r.statusCode() == 404 && NO_SHADOW.equals(r.path("type"));
                    });
        }
    }

    static void decommission(String tenant, String deviceId) {
        DeviceDecommissioned payload = new DeviceDecommissioned(deviceId, "water-heater", "retired", Instant.now());
        send(
                Topics.DEVICE_LIFECYCLE,
                deviceId,
                encode(CloudEvent.of(
                        Sources.DEVICE_REGISTRY, EventTypes.DEVICE_DECOMMISSIONED, deviceId, tenant, payload)));
    }

    static void presence(String tenant, String deviceId, boolean online) {
        PresenceChanged payload = new PresenceChanged(deviceId, online, Instant.now(), Instant.now());
        send(
                Topics.DEVICE_LIFECYCLE,
                deviceId,
                encode(CloudEvent.of(
                        Sources.DEVICE_REGISTRY, EventTypes.DEVICE_PRESENCE_CHANGED, deviceId, tenant, payload)));
    }

    static void telemetry(String tenant, String deviceId, Reading... readings) {
        TelemetryRecorded payload = new TelemetryRecorded(deviceId, "water-heater", "Acme", List.of(readings));
        send(
                Topics.TELEMETRY_READINGS,
                deviceId,
                encode(CloudEvent.of(Sources.TELEMETRY, EventTypes.TELEMETRY_RECORDED, deviceId, tenant, payload)));
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    static Response patch(String token, String deviceId, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .patch(PATH, deviceId);
    }

    /** Sets desired state ({@code desired} is its JSON) as an operator of the tenant; expects 200, returns the shadow. */
    static JsonNode setDesired(String tenant, String deviceId, String desired) {
        return json(patch(operator(tenant), deviceId, "{\"state\":{\"desired\":" + desired + "}}")
                .then()
                .statusCode(200)
                .extract()
                .response());
    }

    static Response get(String token, String deviceId) {
        return given().auth().oauth2(token).when().get(PATH, deviceId);
    }

    static JsonNode json(Response response) {
        return json(response.asString());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    /** JSON equality where numbers compare by value. */
    static boolean sameJson(JsonNode a, JsonNode b) {
        Comparator<JsonNode> byValue = (x, y) -> x.isNumber() && y.isNumber()
                ? new BigDecimal(x.asText()).compareTo(new BigDecimal(y.asText()))
                : x.equals(y) ? 0 : 1;
        return a.equals(byValue, b);
    }

    // ------------------------------------------------------------------------------------------------ Kafka out

    /** Waits until the run's topic holds an event of the tenant and device that matches, and returns it. */
    static ConsumerRecord<String, String> awaitRecord(
            String topic, String tenant, String deviceId, Predicate<JsonNode> matches) {
        return KafkaTestClient.awaitRecords(
                        topic,
                        record -> {
                            JsonNode event = json(record.value());
                            return tenant.equals(event.path("tenant").asText())
                                    && deviceId.equals(event.path("subject").asText())
                                    && matches.test(event);
                        },
                        Duration.ofSeconds(30))
                .get(0);
    }
}
