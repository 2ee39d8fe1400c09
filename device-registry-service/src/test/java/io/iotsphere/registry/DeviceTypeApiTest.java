package io.iotsphere.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.iotsphere.contracts.EventValidator;
import io.iotsphere.contracts.Topics;
import io.iotsphere.testsupport.KafkaTestClient;
import io.iotsphere.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeviceTypeApiTest {

    static final EventValidator CONTRACT = new EventValidator();

    @Test
    void theSeededCatalogHasWaterHeatersAndVendingMachines() {
        Api.as(Api.newTenant(), "viewer")
                .when()
                .get("/api/v1/device-types")
                .then()
                .statusCode(200)
                .body("id", hasItems("water-heater", "vending-machine"))
                .body(
                        "find { it.id == 'water-heater' }.capabilities.telemetry.name",
                        hasItems("tank_temperature", "setpoint", "inlet_temperature", "element_power", "heating"))
                .body(
                        "find { it.id == 'water-heater' }.capabilities.commands.name",
                        hasItems("set_temperature", "set_mode", "reset"))
                .body(
                        "find { it.id == 'vending-machine' }.capabilities.commands.name",
                        hasItems("restock_ack", "set_price"));
    }

    @Test
    void theSeededCatalogIsAnnouncedOnTheLifecycleTopic() {
        var records = KafkaTestClient.awaitRecords(
                Topics.DEVICE_LIFECYCLE,
                KafkaTestClient.containing("device-type.updated", "\"water-heater\""),
                Duration.ofSeconds(20));
        assertThat(CONTRACT.validate(records.get(0).value())).isEmpty();
        assertThat(records.get(0).key()).isEqualTo("water-heater");
    }

    @Test
    void anAdminDefinesANewTypeAsDataAndItIsAnnounced() {
        String id = "boiler-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> type = Map.of(
                "id",
                id,
                "displayName",
                "Boiler",
                "capabilities",
                Map.of(
                        "telemetry",
                        List.of(Map.of(
                                "name", "flow_temperature", "type", "number", "unit", "°C", "min", 0, "max", 95)),
                        "commands",
                        List.of(Map.of("name", "purge", "params", List.of()))));
        Api.as(Api.newTenant(), "admin")
                .body(type)
                .when()
                .post("/api/v1/device-types")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/device-types/" + id))
                .body("version", equalTo(1));
        Api.as(Api.newTenant(), "admin")
                .body(Map.of("displayName", "Gas boiler", "capabilities", type.get("capabilities")))
                .when()
                .put("/api/v1/device-types/" + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("displayName", equalTo("Gas boiler"));
        var records = KafkaTestClient.awaitRecords(
                Topics.DEVICE_LIFECYCLE,
                KafkaTestClient.containing("device-type.updated", "Gas boiler", id),
                Duration.ofSeconds(20));
        assertThat(CONTRACT.validate(records.get(0).value())).isEmpty();
        assertThat(records.get(0).value()).contains("\"version\":2").contains("\"tenant\":\"*\"");
    }

    @Test
    void onlyAdminsChangeTheCatalog() {
        Api.as(Api.newTenant(), "operator")
                .body(Map.of("id", "x-type", "displayName", "X", "capabilities", Map.of()))
                .when()
                .post("/api/v1/device-types")
                .then()
                .statusCode(403);
    }

    @Test
    void invalidCapabilitiesAreRefusedWithEachProblemNamed() {
        Map<String, Object> type = Map.of(
                "id",
                "broken-type",
                "displayName",
                "Broken",
                "capabilities",
                Map.of(
                        "telemetry",
                        List.of(
                                Map.of("name", "Temp", "type", "number"),
                                Map.of("name", "level", "type", "string", "min", 5, "max", 1)),
                        "commands",
                        List.of(Map.of(
                                "name", "set_mode", "params", List.of(Map.of("name", "mode", "type", "enum"))))));
        Api.as(Api.newTenant(), "admin")
                .body(type)
                .when()
                .post("/api/v1/device-types")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "problems",
                        hasItems(
                                containsString("capabilities.telemetry[0].name"),
                                containsString("capabilities.telemetry[1].type"),
                                containsString("capabilities.telemetry[1]: min"),
                                containsString("capabilities.commands[0].params[0].values")));
        Api.as(Api.newTenant(), "viewer")
                .when()
                .get("/api/v1/device-types/broken-type")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aTypeIdIsTakenOnce() {
        Api.as(Api.newTenant(), "admin")
                .body(Map.of(
                        "id",
                        "water-heater",
                        "displayName",
                        "Again",
                        "capabilities",
                        Map.of("telemetry", List.of(), "commands", List.of())))
                .when()
                .post("/api/v1/device-types")
                .then()
                .statusCode(409)
                .body("detail", containsString("already exists"));
    }

    @Test
    void missingFieldsAreNamed() {
        Api.as(Api.newTenant(), "admin")
                .body(Map.of("id", "Bad Id"))
                .when()
                .post("/api/v1/device-types")
                .then()
                .statusCode(400)
                .body("violations.field", hasItems("id", "displayName", "capabilities"));
    }

    @Test
    void readingTheCatalogNeedsAToken() {
        given().when().get("/api/v1/device-types").then().statusCode(401).body("status", equalTo(401));
    }

    @Test
    void aTokenWithoutTenantIsRefused() {
        String token = TestTokens.sign(TestTokens.claims("nobody", null, "admin"));
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/device-types")
                .then()
                .statusCode(401)
                .body("detail", containsString("tenant"));
    }
}
