package io.iotsphere.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.iotsphere.testsupport.KafkaTestClient;
import io.iotsphere.testsupport.KafkaTestResource;
import io.iotsphere.testsupport.LocalInfra;
import io.iotsphere.testsupport.TestTokens;
import io.iotsphere.testsupport.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FleetApiTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** The telemetry service's raw topic (io.iotsphere.contracts.Topics.TELEMETRY_RAW on its branch). */
    static final String RAW = "telemetry-raw";

    /** The run's copy of the raw topic, in case test-support does not make it (brokers do not auto-create). */
    static void ensureRawTopic() throws Exception {
        try (Admin admin = Admin.create(KafkaTestResource.clientProperties())) {
            String name = TestTopics.name(RAW);
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)) {
                admin.createTopics(List.of(new NewTopic(name, 3, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    static String tenant() {
        return "sim-" + LocalInfra.newRunId();
    }

    static String admin(String tenant) {
        return "Bearer " + TestTokens.user(tenant, "admin");
    }

    static ValidatableResponse post(String tenant, String contentType, String body) {
        return given().header("Authorization", admin(tenant))
                .contentType(contentType)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/fleets")
                .then();
    }

    static String create(String tenant, String yaml) {
        return post(tenant, "application/yaml", yaml).statusCode(201).extract().path("id");
    }

    static void awaitStatus(String tenant, String id, String status) {
        await().atMost(WAIT)
                .untilAsserted(() -> given().header("Authorization", admin(tenant))
                        .get("/api/v1/fleets/" + id)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo(status)));
    }

    @Test
    void aFleetRegistersItselfAndItsDevicesPublishTelemetryInTheirManufacturersShapes() throws Exception {
        String tenant = tenant();
        try (MqttProbe probe = new MqttProbe(tenant)) {
            String id = create(tenant, """
                    name: mixed fleet
                    seed: 7
                    reportingInterval: 1s
                    devices:
                      - {type: water-heater, manufacturer: AquaTherm, count: 2}
                      - {type: water-heater, manufacturer: HydroMax, count: 1, profile: commercial}
                      - {type: vending-machine, manufacturer: FrostVend, count: 1}
                    """);
            awaitStatus(tenant, id, "running");

            // Registered in bulk, marked simulated, with the caller's token.
            RegistryStub.Call bulk = RegistryStub.CALLS.stream()
                    .filter(c -> c.path().endsWith("/bulk") && c.body().contains(id))
                    .findFirst()
                    .orElseThrow();
            // With the caller's own token (the stub does not verify it; the registry does).
            String[] jwt = bulk.authorization().substring("Bearer ".length()).split("\\.");
            assertThat(new String(java.util.Base64.getUrlDecoder().decode(jwt[1])))
                    .contains("\"tenant\":\"" + tenant + "\"", "\"admin\"");
            JsonObject request = new JsonObject(bulk.body());
            assertThat(request.getJsonArray("devices")).hasSize(4);
            assertThat(request.getJsonArray("devices").getJsonObject(2).getMap())
                    .containsEntry("simulated", true)
                    .containsEntry("manufacturer", "HydroMax")
                    .containsEntry("type", "water-heater");
            // Each device exchanged its secret for a token.
            await().atMost(WAIT)
                    .until(() -> RegistryStub.CALLS.stream()
                                    .filter(c -> c.path().startsWith("/api/v1/devices/" + id)
                                            && c.path().endsWith("/token"))
                                    .count()
                            == 4);

            String aqua = id + "-wh-00000";
            String hydro = id + "-wh-00002";
            String vending = id + "-vm-00003";
            await().atMost(WAIT)
                    .until(() -> probe.of(aqua, "telemetry").size() >= 2
                            && probe.of(hydro, "telemetry").size() >= 2
                            && probe.of(vending, "telemetry").size() >= 2);
            JsonObject reading = probe.of(aqua, "telemetry").get(0).body();
            assertThat(reading.getString("ts")).isNotBlank();
            assertThat(reading.getJsonObject("values").getMap())
                    .containsKeys("tank_temperature", "setpoint", "element_power", "pressure", "energy_used");
            assertThat(probe.of(hydro, "telemetry")
                            .get(0)
                            .body()
                            .getJsonObject("values")
                            .getMap())
                    .containsKeys("tankTempF", "elementKw", "flowGpm", "pressurePsi", "burnerOn", "energyWh");
            assertThat(probe.of(vending, "telemetry")
                            .get(0)
                            .body()
                            .getJsonObject("values")
                            .getMap())
                    .containsKeys("cabinetTempF", "doorOpen", "compressorOn", "sold.A1", "stock.B4");
            // And reported their state to their shadows.
            assertThat(probe.of(aqua, "state/reported")).isNotEmpty();
            assertThat(probe.of(aqua, "state/reported")
                            .get(0)
                            .body()
                            .getJsonObject("state")
                            .getJsonObject("reported")
                            .getString("mode"))
                    .isEqualTo("heat");

            // The fleet and its devices' secrets are kept in the data dir, readable by the owner only.
            Path file = Path.of(ConfigProvider.getConfig().getValue("iotsphere.simulator.data-dir", String.class))
                    .resolve("fleets")
                    .resolve(tenant)
                    .resolve(id)
                    .resolve("fleet.json");
            assertThat(Files.readString(file)).contains("secret-of-" + aqua);
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(
                            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            // The API never shows them.
            given().header("Authorization", admin(tenant))
                    .get("/api/v1/fleets/" + id)
                    .then()
                    .body(org.hamcrest.Matchers.not(containsString("secret")))
                    .body("devices", equalTo(4))
                    .body("devicesByType.water-heater", equalTo(3));

            // Stopped, it falls silent; started again, it goes on.
            given().header("Authorization", admin(tenant))
                    .post("/api/v1/fleets/" + id + "/stop")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("stopped"));
            int silent = probe.on("telemetry").size();
            await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
            assertThat(probe.on("telemetry").size()).isLessThanOrEqualTo(silent + 4);
            given().header("Authorization", admin(tenant))
                    .post("/api/v1/fleets/" + id + "/start")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("running"));
            int resumed = probe.on("telemetry").size();
            await().atMost(WAIT).until(() -> probe.on("telemetry").size() > resumed + 4);

            given().header("Authorization", admin(tenant))
                    .delete("/api/v1/fleets/" + id)
                    .then()
                    .statusCode(204);
            assertThat(Files.exists(file)).isFalse();
        }
    }

    @Test
    void aDeviceObeysSetTemperatureAnswersAndItsPhysicsFollows() throws Exception {
        String tenant = tenant();
        try (MqttProbe probe = new MqttProbe(tenant)) {
            String id = create(tenant, """
                    seed: 3
                    reportingInterval: 1s
                    acceleration: 600
                    devices: [{type: water-heater, manufacturer: AquaTherm, count: 1, profile: none}]
                    """);
            awaitStatus(tenant, id, "running");
            String device = id + "-wh-00000";
            await().atMost(WAIT).until(() -> !probe.of(device, "telemetry").isEmpty());
            probe.publish(
                    "iotsphere/" + tenant + "/devices/" + device + "/commands",
                    new JsonObject()
                            .put("commandId", "c-1")
                            .put("deviceId", device)
                            .put("name", "set_temperature")
                            .put("params", new JsonObject().put("temperature", 75))
                            .put("attempt", 1));
            await().atMost(WAIT)
                    .until(() -> probe.of(device, "commands/results").size() >= 2);
            List<MqttProbe.Received> results = probe.of(device, "commands/results");
            assertThat(results.get(0).body().getString("status")).isEqualTo("acknowledged");
            assertThat(results.get(1).body().getString("status")).isEqualTo("completed");
            assertThat(results.get(1).body().getJsonObject("result").getDouble("setpoint"))
                    .isEqualTo(75.0);
            // The element heats the tank up to the new setpoint (at 600x, a 3 kW element needs a few real seconds).
            await().atMost(WAIT).untilAsserted(() -> {
                List<MqttProbe.Received> readings = probe.of(device, "telemetry");
                JsonObject last = readings.get(readings.size() - 1).body().getJsonObject("values");
                assertThat(last.getDouble("setpoint")).isEqualTo(75.0);
                assertThat(last.getDouble("tank_temperature")).isGreaterThan(70.0);
            });
            assertThat(probe.of(device, "state/reported").stream()
                            .anyMatch(m -> m.body().encode().contains("\"setpoint\":75")))
                    .isTrue();

            // An invalid value fails, with the reason.
            probe.publish(
                    "iotsphere/" + tenant + "/devices/" + device + "/commands",
                    new JsonObject()
                            .put("commandId", "c-2")
                            .put("name", "set_temperature")
                            .put("params", new JsonObject().put("temperature", 99)));
            await().atMost(WAIT)
                    .until(() -> probe.of(device, "commands/results").stream()
                            .anyMatch(m -> m.body().getString("commandId").equals("c-2")
                                    && "failed".equals(m.body().getString("status"))
                                    && m.body().getString("error").contains("between 30 and 80")));

            // A shadow delta is applied too, and reported back.
            probe.publish(
                    "iotsphere/" + tenant + "/devices/" + device + "/shadow/delta",
                    new JsonObject()
                            .put("state", new JsonObject().put("mode", "vacation"))
                            .put("version", 3));
            await().atMost(WAIT)
                    .until(() -> probe.of(device, "state/reported").stream()
                            .anyMatch(m -> m.body().encode().contains("\"mode\":\"vacation\"")));
        }
    }

    @Test
    void labelsTellWhichDeviceDevelopedWhichFaultAndWhen() {
        String tenant = tenant();
        String id = create(tenant, """
                seed: 11
                reportingInterval: 1s
                acceleration: 100000
                start: 2026-01-01T00:00:00Z
                faults: {element_burnout: 20, sediment: 5}
                devices: [{type: water-heater, manufacturer: HydroMax, count: 3, profile: none}]
                """);
        awaitStatus(tenant, id, "running");
        // 100000x: a simulated day every 0.9 s; with 20 burn-outs a device-year, every device has one within days.
        await().atMost(WAIT)
                .untilAsserted(() -> given().header("Authorization", admin(tenant))
                        .get("/api/v1/fleets/" + id + "/labels")
                        .then()
                        .statusCode(200)
                        .body("fleetId", equalTo(id))
                        .body("labels.fault", hasItem("element_burnout"))
                        .body("labels.deviceId", hasItem(id + "-wh-00001")));
        given().header("Authorization", admin(tenant))
                .get("/api/v1/fleets/" + id + "/labels/export?format=csv")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("labels-" + id + ".csv"))
                .body(startsWith("device_id,fault,onset,failure\n"), containsString(",element_burnout,"));
        given().header("Authorization", admin(tenant))
                .delete("/api/v1/fleets/" + id)
                .then()
                .statusCode(204);
    }

    @Test
    void aBackfillWritesHistoryToTheRawTopicAndExportsItsLabels() throws Exception {
        ensureRawTopic();
        String tenant = tenant();
        String id = create(tenant, """
                {"seed": 5, "reportingInterval": "1h",
                 "backfill": {"from": "2026-01-01T00:00:00Z", "to": "2026-01-03T00:00:00Z"},
                 "faults": {"compressor": 50},
                 "devices": [{"type": "water-heater", "manufacturer": "AquaTherm", "count": 2},
                             {"type": "vending-machine", "manufacturer": "VendCo", "count": 1}]}
                """); // JSON is YAML too
        awaitStatus(tenant, id, "completed");
        List<ConsumerRecord<String, String>> records =
                KafkaTestClient.awaitRecords(RAW, KafkaTestClient.containing("2026-01-02T12:00:00Z"), WAIT);
        List<ConsumerRecord<String, String>> ours = KafkaTestClient.records(RAW).stream()
                .filter(r -> r.key().startsWith(id))
                .toList();
        assertThat(records).isNotEmpty();
        assertThat(ours).extracting(ConsumerRecord::key).contains(id + "-wh-00000", id + "-vm-00002");
        assertThat(KafkaTestClient.header(ours.get(0), "tenant")).isEqualTo(tenant);
        int readings = ours.stream()
                .mapToInt(
                        r -> new JsonObject(r.value()).getJsonArray("readings").size())
                .sum();
        assertThat(readings).isEqualTo(3 * 48);
        Path dir = Path.of(ConfigProvider.getConfig().getValue("iotsphere.simulator.data-dir", String.class))
                .resolve("fleets")
                .resolve(tenant)
                .resolve(id);
        assertThat(Files.readString(dir.resolve("labels.csv"))).startsWith("device_id,fault,onset,failure");
        assertThat(Files.readString(dir.resolve("labels.json"))).contains(id);
    }

    @Test
    void overHttpDevicesSendTelemetryWithTheirDeviceTokens() {
        String tenant = tenant();
        String id = create(tenant, """
                transport: http
                reportingInterval: 1s
                devices: [{type: vending-machine, manufacturer: VendCo, count: 2}]
                """);
        awaitStatus(tenant, id, "running");
        await().atMost(WAIT)
                .until(() -> RegistryStub.CALLS.stream()
                        .anyMatch(c -> c.path().equals("/api/v1/devices/" + id + "-vm-00001/telemetry")
                                && ("Bearer token-of-" + id + "-vm-00001").equals(c.authorization())
                                && c.body().contains("inventory.A1")));
        given().header("Authorization", admin(tenant))
                .post("/api/v1/fleets/" + id + "/stop")
                .then()
                .statusCode(200);
    }

    @Test
    void badScenariosAreRefusedWithProblemsThatSayWhere() {
        String tenant = tenant();
        post(tenant, "application/yaml", """
                        reportingInterval: 10 parsecs
                        acceleration: 0
                        devices:
                          - {type: toaster, count: 1}
                          - {type: water-heater, manufacturer: Nobody, count: 0}
                        faults: {gremlins: 1, leak: 2}
                        """)
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("/reportingInterval"))
                .body("violations.field", hasItem("/acceleration"))
                .body("violations.field", hasItem("/devices/0/type"))
                .body("violations.field", hasItem("/devices/1/manufacturer"))
                .body("violations.field", hasItem("/devices/1/count"))
                .body("violations.field", hasItem("/faults/gremlins"))
                .body("violations.field", hasItem("/faults/leak"));
        post(tenant, "application/json", "{\"devices\": [], \"colour\": \"blue\"}")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("/colour"));
        post(tenant, "application/yaml", "devices: [unclosed")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        post(tenant, "application/json", "").statusCode(400).contentType(startsWith("application/problem+json"));
        post(tenant, "application/json", "{\"devices\": [{\"type\": \"water-heater\", \"count\": \"many\"}]}")
                .statusCode(400)
                .body("violations[0].field", equalTo("/devices/0/count"));
    }

    @Test
    void onlyAdminsWriteOperatorsReadAndOtherTenantsSeeNothing() {
        String tenant = tenant();
        String scenario = "devices: [{type: vending-machine, manufacturer: VendCo, count: 1}]\nautoStart: false\n";
        given().header("Authorization", "Bearer " + TestTokens.user(tenant, "operator"))
                .contentType("application/yaml")
                .body(scenario.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/fleets")
                .then()
                .statusCode(403);
        given().contentType("application/yaml")
                .body(scenario.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/fleets")
                .then()
                .statusCode(401);
        String id = create(tenant, scenario);
        awaitStatus(tenant, id, "stopped");
        given().header("Authorization", "Bearer " + TestTokens.user(tenant, "operator"))
                .get("/api/v1/fleets")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        given().header("Authorization", "Bearer " + TestTokens.user(tenant, "viewer"))
                .get("/api/v1/fleets/" + id)
                .then()
                .statusCode(403);
        String other = tenant();
        given().header("Authorization", admin(other))
                .get("/api/v1/fleets/" + id)
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().header("Authorization", admin(other))
                .delete("/api/v1/fleets/" + id)
                .then()
                .statusCode(404);
        given().header("Authorization", admin(other))
                .get("/api/v1/fleets")
                .then()
                .body("total", equalTo(0));
        given().header("Authorization", admin(tenant))
                .post("/api/v1/fleets/" + id + "/stop")
                .then()
                .statusCode(200);
    }
}
