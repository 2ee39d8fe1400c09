package io.iotsphere.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.EventValidator;
import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.device.DeviceStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * Ingestion over HTTP: manufacturer transformers, validation with precise problems, the published event, identity
 * and access. Readings are checked where they end up: on {@code telemetry-readings} and in the query API.
 */
@QuarkusTest
class HttpIngestionTest {

    static final EventValidator VALIDATOR = new EventValidator();

    @Test
    void canonicalReadingIsPublishedAsAConformingEventAndBecomesQueryable() throws Exception {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        Instant ts = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);

        Api.post(
                        tenant,
                        device,
                        "{\"ts\": \"" + ts + "\", \"values\": {\"tank_temperature\": 61.5, \"heating\": true}}")
                .then()
                .statusCode(202)
                .body("deviceId", equalTo(device))
                .body("accepted", equalTo(1));

        Fleet.Received event = Fleet.awaitRecord(Topics.TELEMETRY_READINGS, r -> device.equals(r.key()));
        assertThat(VALIDATOR.validate(event.value())).isEmpty();
        JsonNode json = Fleet.MAPPER.readTree(event.value());
        assertThat(json.get("type").asText()).isEqualTo(EventTypes.TELEMETRY_RECORDED);
        assertThat(json.get("tenant").asText()).isEqualTo(tenant);
        assertThat(json.at("/data/deviceType").asText()).isEqualTo(Fleet.WATER_HEATER);
        assertThat(json.at("/data/manufacturer").asText()).isEqualTo("AquaTherm");
        assertThat(Instant.parse(json.at("/data/readings/0/ts").asText())).isEqualTo(ts);
        assertThat(json.at("/data/readings/0/values/tank_temperature").asDouble())
                .isEqualTo(61.5);
        assertThat(json.at("/data/readings/0/values/heating").asDouble()).isEqualTo(1.0);

        JsonPath raw = Api.awaitSeries(
                tenant,
                device,
                "metric=tank_temperature&from=" + ts.minusSeconds(60),
                p -> !p.getList("points").isEmpty());
        assertThat(raw.getString("unit")).isEqualTo("°C");
        assertThat(Instant.parse(raw.getString("points[0].ts"))).isEqualTo(ts);
        assertThat(raw.getDouble("points[0].value")).isEqualTo(61.5);
    }

    @Test
    void hydroMaxReadingsAreConvertedToCanonicalNamesAndSiUnits() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "HydroMax");
        Instant ts = Instant.now().minusSeconds(30);

        Api.post(tenant, device, """
                        {"readings": [
                          {"ts": "%s", "values": {"tankTempF": 140, "elementKw": 4.5, "flowGpm": 2,
                                                  "pressurePsi": 50, "burnerOn": true, "energyWh": 1500,
                                                  "inletTempF": 50}},
                          {"ts": "%s", "values": {"tankTempF": 141.8}}
                        ]}""".formatted(ts, ts.plusSeconds(10)))
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2));

        JsonPath latest = Api.awaitLatest(tenant, device, "tank_temperature", 61.0);
        assertThat(latest.getDouble("values.element_power.value")).isCloseTo(4500.0, within(1e-6));
        assertThat(latest.getDouble("values.flow_rate.value")).isCloseTo(7.5708, within(1e-3));
        assertThat(latest.getDouble("values.pressure.value")).isCloseTo(344.738, within(1e-2));
        assertThat(latest.getDouble("values.heating.value")).isEqualTo(1.0);
        assertThat(latest.getDouble("values.energy_used.value")).isCloseTo(1.5, within(1e-9));
        assertThat(latest.getDouble("values.inlet_temperature.value")).isCloseTo(10.0, within(1e-3));
        assertThat(latest.getMap("values")).doesNotContainKey("tankTempF");
    }

    @Test
    void invalidValuesAreRefusedWithWhereAndWhy() {
        String tenant = Fleet.newTenant();
        String heater = Fleet.registered(tenant, Fleet.WATER_HEATER, "HydroMax");
        String vending = Fleet.registered(tenant, Fleet.VENDING_MACHINE, "AquaVend");
        String now = Instant.now().toString();

        problem(
                tenant,
                heater,
                "{\"values\": {\"foo\": 1}}",
                "/values/foo",
                "unknown field: device type 'water-heater' has no telemetry field 'foo'");
        problem(
                tenant,
                heater,
                "{\"values\": {\"tankTempF\": 250}}",
                "/values/tankTempF",
                "250 degF = 121.111 °C is above the maximum 110 °C of 'tank_temperature'");
        problem(
                tenant,
                heater,
                "{\"values\": {\"tank_temperature\": -5}}",
                "/values/tank_temperature",
                "-5 is below the minimum 0 °C of 'tank_temperature'");
        problem(
                tenant,
                heater,
                "{\"values\": {\"pressure\": \"high\"}}",
                "/values/pressure",
                "'pressure' takes a number, not the string \"high\"");
        problem(
                tenant,
                heater,
                "{\"values\": {\"heating\": 5}}",
                "/values/heating",
                "'heating' is a boolean: true or false (or 1/0), not 5");
        problem(
                tenant,
                heater,
                "{\"values\": {\"pressure\": null}}",
                "/values/pressure",
                "'pressure' takes a number, not null");
        problem(
                tenant,
                heater,
                "{\"values\": {\"tankTempF\": 140, \"tank_temperature\": 60}}",
                "/values/tank_temperature",
                "'tank_temperature' is reported twice in this reading (as 'tankTempF' too)");
        problem(tenant, heater, "{\"values\": {}}", "/values", "must hold at least one value");
        problem(
                tenant,
                heater,
                "{\"ts\": \"yesterday\", \"values\": {\"pressure\": 1}}",
                "/ts",
                "'yesterday' is not an RFC 3339 date-time (e.g. 2026-05-01T12:00:00Z)");
        problem(
                tenant,
                heater,
                "{\"ts\": \"" + Instant.now().plusSeconds(3600) + "\", \"values\": {\"pressure\": 1}}",
                "/ts",
                "is in the future");
        problem(
                tenant,
                heater,
                "{\"ts\": \"" + Instant.now().minus(40, ChronoUnit.DAYS) + "\", \"values\": {\"pressure\": 1}}",
                "/ts",
                "is older than the raw retention of this tenant (30 days)");
        problem(
                tenant,
                heater,
                "{\"values\": {\"pressure\": 1}, \"extra\": 1}",
                "/extra",
                "unknown property: a reading has only 'ts' and 'values'");
        problem(
                tenant,
                heater,
                "{\"readings\": [{\"values\": {\"pressure\": 1}}, {\"values\": {\"pressure\": 2}}]}",
                "/readings/0/ts",
                "required in a batch of readings");
        problem(tenant, heater, "{\"readings\": []}", "/readings", "must hold at least one reading");
        problem(tenant, heater, "[1, 2]", "/", "must be a JSON object");
        problem(tenant, heater, "{\"values\": ", "/", "not valid JSON");
        problem(tenant, heater, "{\"values\": {\"pressure\": 1, \"pressure\": 2}}", "/", "Duplicate field 'pressure'");
        problem(
                tenant,
                vending,
                "{\"values\": {\"sales\": 3}}",
                "/values/sales",
                "'sales' is keyed: report \"sales.<key>\": value or \"sales\": {\"<key>\": value}");
        problem(
                tenant,
                vending,
                "{\"values\": {\"sales.A1\": 2.5}}",
                "/values/sales.A1",
                "2.5 is not a whole number, as 'sales' requires");
        problem(
                tenant,
                vending,
                "{\"values\": {\"door_open.x\": true}}",
                "/values/door_open.x",
                "'door_open' takes no key");
        problem(
                tenant,
                vending,
                "{\"values\": {\"sales\": {\"A 1\": 1}}}",
                "/values/sales/A 1",
                "key 'A 1' must be 1 to 32 letters, digits, '_' or '-'");
        StringBuilder tooMany = new StringBuilder("{\"readings\": [");
        for (int i = 0; i < 1001; i++) {
            tooMany.append(i == 0 ? "" : ",")
                    .append("{\"ts\": \"")
                    .append(now)
                    .append("\", \"values\": {\"pressure\": 1}}");
        }
        problem(
                tenant,
                heater,
                tooMany.append("]}").toString(),
                "/readings",
                "holds 1001 readings, at most 1000 are accepted");
    }

    @Test
    void aBatchWithOneInvalidReadingIsRefusedWholeAndListsEveryProblem() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        Instant t1 = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MICROS);
        Instant t2 = t1.plusSeconds(10);

        Api.post(tenant, device, """
                        {"readings": [
                          {"ts": "%s", "values": {"pressure": 300}},
                          {"ts": "%s", "values": {"pressure": 5000, "bogus": 1}}
                        ]}""".formatted(t1, t2))
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("detail", equalTo("1 of 2 readings are invalid; nothing was accepted"))
                .body("violations", hasSize(2))
                .body("violations.field", hasItem("/readings/1/values/pressure"))
                .body("violations.field", hasItem("/readings/1/values/bogus"));

        // A later reading of the same device is stored after anything sent before: the first one was not.
        Api.accepted(tenant, device, "{\"ts\": \"" + t2.plusSeconds(10) + "\", \"values\": {\"pressure\": 301}}");
        JsonPath points = Api.awaitSeries(
                tenant,
                device,
                "metric=pressure&from=" + t1.minusSeconds(1),
                p -> !p.getList("points").isEmpty());
        assertThat(points.getList("points.value", Double.class)).containsExactly(301.0);
    }

    @Test
    void devicesAreIdentifiedByTenantAndIdAndDecommissionedOnesAreRefused() {
        String tenantA = Fleet.newTenant();
        String tenantB = Fleet.newTenant();
        String device = Fleet.registered(tenantA, Fleet.WATER_HEATER, "AquaTherm");
        Fleet.register(tenantB, device, Fleet.WATER_HEATER, "HydroMax");
        Fleet.awaitKnown(tenantB, device);

        // The same id in two tenants: two devices, two manufacturers.
        Api.accepted(tenantA, device, "{\"values\": {\"tank_temperature\": 40}}");
        Api.accepted(tenantB, device, "{\"values\": {\"tankTempF\": 104}}");
        Api.awaitLatest(tenantA, device, "tank_temperature", 40);
        Api.awaitLatest(tenantB, device, "tank_temperature", 40);
        Api.post(tenantA, device, "{\"values\": {\"tankTempF\": 104}}").then().statusCode(400);

        Api.post(tenantA, "no-such-device", "{\"values\": {\"tank_temperature\": 40}}")
                .then()
                .statusCode(404)
                .body("detail", equalTo("no device 'no-such-device' in this tenant"));
        String onlyInA = Fleet.registered(tenantA, Fleet.WATER_HEATER, "AquaTherm");
        Api.post(tenantB, onlyInA, "{\"values\": {\"tank_temperature\": 40}}")
                .then()
                .statusCode(404);
        Api.as(tenantB, "viewer")
                .get("/api/v1/devices/{id}/telemetry/latest", onlyInA)
                .then()
                .statusCode(404);
        Api.series(tenantB, onlyInA, "metric=tank_temperature").then().statusCode(404);

        Fleet.update(tenantA, onlyInA, Fleet.WATER_HEATER, "AquaTherm", DeviceStatus.DECOMMISSIONED);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.post(tenantA, onlyInA, "{\"values\": {\"tank_temperature\": 40}}")
                                .statusCode()
                        == 409);
        Fleet.decommission(tenantA, device, Fleet.WATER_HEATER);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.post(tenantA, device, "{\"values\": {\"tank_temperature\": 40}}")
                                .statusCode()
                        == 409);
        Api.post(tenantA, device, "{\"values\": {\"tank_temperature\": 40}}")
                .then()
                .body("detail", equalTo("device '" + device + "' is decommissioned and takes no telemetry"));
        // Its history stays readable.
        Api.latest(tenantA, device);
    }

    @Test
    void onlyTheDeviceItselfOrOperatorsAndAdminsMaySendAndViewersRead() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        String other = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        String body = "{\"values\": {\"tank_temperature\": 50}}";

        Api.asDevice(tenant, device)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/devices/{id}/telemetry", device)
                .then()
                .statusCode(202);
        Api.asDevice(tenant, device)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/devices/{id}/telemetry", other)
                .then()
                .statusCode(403)
                .body("detail", equalTo("a device token may only send its own device's telemetry"));
        Api.as(tenant, "admin")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/devices/{id}/telemetry", device)
                .then()
                .statusCode(202);
        Api.as(tenant, "viewer")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/devices/{id}/telemetry", device)
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/devices/{id}/telemetry", device)
                .then()
                .statusCode(401);
        Api.asDevice(tenant, device)
                .get("/api/v1/devices/{id}/telemetry/latest", device)
                .then()
                .statusCode(403);
        Api.as(tenant, "viewer")
                .contentType(ContentType.TEXT)
                .body(body)
                .post("/api/v1/devices/{id}/telemetry", device)
                .then()
                .statusCode(415);
    }

    private static void problem(String tenant, String device, String body, String field, String message) {
        Api.post(tenant, device, body)
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo(field))
                .body("violations[0].in", equalTo("body"))
                .body("violations[0].message", containsString(message));
    }
}
