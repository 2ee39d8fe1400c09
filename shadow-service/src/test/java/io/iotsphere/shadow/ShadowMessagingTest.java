package io.iotsphere.shadow;

import static io.iotsphere.shadow.Fixtures.get;
import static io.iotsphere.shadow.Fixtures.operator;
import static io.iotsphere.shadow.Fixtures.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.telemetry.Reading;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The shadow as the rest of the platform drives it: device-lifecycle (projection, decommission, presence),
 * telemetry-readings (latest values into reported) and MQTT (reported state in, deltas out).
 */
@QuarkusTest
class ShadowMessagingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    // ------------------------------------------------------------------------------------------------ telemetry

    @Test
    void telemetrySetsReportedToTheLatestValuesAndNeverGoesBack() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        Fixtures.setDesired(tenant, id, "{\"temperature\":60}");
        Instant t0 = Instant.now().minusSeconds(60);

        Fixtures.telemetry(
                tenant,
                id,
                new Reading(t0, Map.of("temperature", 52.5, "heating", 1.0)),
                new Reading(t0.plusSeconds(10), Map.of("temperature", 55.25, "sales.A1", 3.0)));
        await().atMost(WAIT)
                .untilAsserted(() -> get(operator(tenant), id)
                        .then()
                        .body("state.reported.temperature", equalTo(55.25f))
                        .body("state.reported.heating", equalTo(1))
                        .body("state.reported.sales.A1", equalTo(3))
                        .body("state.delta.temperature", equalTo(60))
                        .body(
                                "metadata.reported.temperature.timestamp",
                                equalTo(t0.plusSeconds(10).toEpochMilli())));
        long version = get(operator(tenant), id).then().extract().jsonPath().getLong("version");

        // A late reading (older than what the shadow holds) and a replay change nothing; a newer one does.
        Fixtures.telemetry(tenant, id, new Reading(t0.plusSeconds(5), Map.of("temperature", 40.0)));
        Fixtures.telemetry(tenant, id, new Reading(t0.plusSeconds(10), Map.of("temperature", 55.25)));
        Fixtures.telemetry(tenant, id, new Reading(t0.plusSeconds(20), Map.of("temperature", 60.0)));
        await().atMost(WAIT)
                .untilAsserted(() -> get(operator(tenant), id)
                        .then()
                        .body("state.reported.temperature", equalTo(60))
                        .body("state.delta", equalTo(Map.of()))
                        .body("version", equalTo((int) version + 1)));
        JsonNode event = Fixtures.json(Fixtures.awaitRecord(
                        Topics.SHADOW_CHANGES,
                        tenant,
                        id,
                        e -> e.at("/data/version").asLong() == version + 1)
                .value());
        assertThat(event.at("/data/updatedBy").asText()).isEqualTo("telemetry");
        assertThat(event.at("/data/current/reported/temperature").asInt()).isEqualTo(60);
    }

    @Test
    void telemetryOfAnUnknownDeviceCreatesNothingAndInvalidEventsGoToTheDlq() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.telemetry(tenant, id, new Reading(Instant.now(), Map.of("temperature", 50.0)));
        Fixtures.send(Topics.TELEMETRY_READINGS, id, "{\"not\":\"an event\",\"tenant\":\"" + tenant + "\"}");
        String known = Fixtures.deviceId();
        Fixtures.register(tenant, known);
        // Ordered after the unknown device's reading on the same partitions: once the known device is registered
        // and its reading applied, the earlier reading has been handled too.
        Fixtures.telemetry(tenant, known, new Reading(Instant.now(), Map.of("temperature", 50.0)));
        await().atMost(WAIT)
                .untilAsserted(() -> get(operator(tenant), known).then().statusCode(200));
        get(operator(tenant), id).then().statusCode(404).body("type", equalTo(Fixtures.UNKNOWN_DEVICE));
        Fixtures.awaitRecord(Topics.dlq(Topics.TELEMETRY_READINGS), tenant, "", e -> e.has("not"));
    }

    @Test
    void readingsThatWouldMakeTheShadowTooLargeGoToTheDlqAndTheOtherDevicesStillGetTheirs() {
        String tenant = Fixtures.tenant();
        String big = Fixtures.deviceId();
        String other = Fixtures.deviceId();
        Fixtures.register(tenant, big);
        Fixtures.register(tenant, other);
        Map<String, Double> tooMany = new java.util.HashMap<>();
        for (int i = 0; i < 400; i++) {
            tooMany.put("a_rather_long_metric_name_number_" + i, (double) i);
        }
        Fixtures.telemetry(tenant, big, new Reading(Instant.now(), tooMany));
        Fixtures.telemetry(tenant, other, new Reading(Instant.now(), Map.of("temperature", 51.0)));

        await().atMost(WAIT)
                .untilAsserted(() -> get(operator(tenant), other)
                        .then()
                        .statusCode(200)
                        .body("state.reported.temperature", equalTo(51)));
        ConsumerRecord<String, String> rejected = Fixtures.awaitRecord(
                Topics.dlq(Topics.TELEMETRY_READINGS),
                tenant,
                big,
                e -> e.at("/data/deviceId").asText().equals(big));
        assertThat(new String(
                        rejected.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("bytes");
        get(operator(tenant), big).then().statusCode(404).body("type", equalTo(Fixtures.NO_SHADOW));
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    @Test
    void decommissioningDeletesTheShadowAndForgetsTheDevice() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        Fixtures.setDesired(tenant, id, "{\"a\":1}");
        Fixtures.decommission(tenant, id);
        await().atMost(WAIT)
                .untilAsserted(() -> get(operator(tenant), id)
                        .then()
                        .statusCode(404)
                        .body("type", equalTo(Fixtures.UNKNOWN_DEVICE)));
        patch(operator(tenant), id, "{\"state\":{\"desired\":{\"a\":2}}}")
                .then()
                .statusCode(404);
        JsonNode deletion = Fixtures.json(Fixtures.awaitRecord(
                        Topics.SHADOW_CHANGES,
                        tenant,
                        id,
                        e -> e.at("/data/version").asLong() == 2)
                .value());
        assertThat(deletion.at("/data/current").isEmpty()).isTrue();
        assertThat(deletion.at("/data/updatedBy").asText()).isEqualTo("device-lifecycle");
    }

    // ------------------------------------------------------------------------------------------------ MQTT

    @Test
    void devicesReportStateOverMqttInOrder() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        String topic = "iotsphere/" + tenant + "/devices/" + id + "/state/reported";
        try (MqttProbe device = new MqttProbe()) {
            for (int i = 1; i <= 20; i++) {
                device.publish(topic, "{\"state\":{\"reported\":{\"counter\":" + i + ",\"f" + i + "\":true}}}");
            }
            await().atMost(WAIT)
                    .untilAsserted(() -> get(operator(tenant), id)
                            .then()
                            .statusCode(200)
                            .body("state.reported.counter", equalTo(20))
                            .body("state.reported.f1", equalTo(true))
                            .body("version", equalTo(20)));
        }
        JsonNode event = Fixtures.json(Fixtures.awaitRecord(
                        Topics.SHADOW_CHANGES,
                        tenant,
                        id,
                        e -> e.at("/data/version").asLong() == 20)
                .value());
        assertThat(event.at("/data/updatedBy").asText()).isEqualTo(id);
    }

    @Test
    void refusedMqttReportsAreAnsweredOnRejected() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        String base = "iotsphere/" + tenant + "/devices/" + id;
        try (MqttProbe device = new MqttProbe().subscribe(base + "/shadow/rejected")) {
            device.publish(base + "/state/reported", "{\"state\":{\"desired\":{\"a\":1}},\"clientToken\":\"x\"}");
            device.publish(base + "/state/reported", "not json");
            device.publish(
                    base + "/state/reported",
                    "{\"state\":{\"reported\":{\"a\":1}},\"version\":7,\"clientToken\":\"v\"}");
            await().atMost(WAIT)
                    .until(() -> device.on(base + "/shadow/rejected").size() == 3);
            List<JsonNode> notices = device.on(base + "/shadow/rejected").stream()
                    .map(r -> Fixtures.json(r.payload()))
                    .toList();
            assertThat(notices).extracting(n -> n.path("code").asInt()).containsExactly(403, 400, 409);
            assertThat(notices.get(2).path("clientToken").asText()).isEqualTo("v");
        }
        get(operator(tenant), id).then().statusCode(404).body("type", equalTo(Fixtures.NO_SHADOW));
    }

    @Test
    void desiredChangesReachTheDeviceAndAreSentAgainWhenItComesOnline() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        String deltaTopic = "iotsphere/" + tenant + "/devices/" + id + "/shadow/delta";
        try (MqttProbe device = new MqttProbe().subscribe(deltaTopic)) {
            Fixtures.setDesired(tenant, id, "{\"temperature\":60,\"mode\":\"eco\"}");
            await().atMost(WAIT).until(() -> !device.on(deltaTopic).isEmpty());
            JsonNode delta = Fixtures.json(device.on(deltaTopic).get(0).payload());
            assertThat(delta.at("/state/temperature").asInt()).isEqualTo(60);
            assertThat(delta.at("/state/mode").asText()).isEqualTo("eco");
            assertThat(delta.at("/metadata/temperature/timestamp").asLong()).isPositive();
            assertThat(delta.path("version").asLong()).isEqualTo(1);
        }

        // Offline: the device misses what is published now; it reports part of the change, then comes back.
        Fixtures.setDesired(tenant, id, "{\"temperature\":65}");
        patch(Fixtures.device(tenant, id), id, "{\"state\":{\"reported\":{\"mode\":\"eco\"}}}")
                .then()
                .statusCode(200);
        try (MqttProbe device = new MqttProbe().subscribe(deltaTopic)) {
            Fixtures.presence(tenant, id, true);
            await().atMost(WAIT).until(() -> !device.on(deltaTopic).isEmpty());
            JsonNode delta = Fixtures.json(device.on(deltaTopic).get(0).payload());
            assertThat(delta.path("state")).hasSize(1);
            assertThat(delta.at("/state/temperature").asInt()).isEqualTo(65);
            assertThat(delta.path("version").asLong()).isEqualTo(3);
        }
    }
}
