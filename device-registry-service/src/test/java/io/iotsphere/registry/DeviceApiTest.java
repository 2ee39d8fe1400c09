package io.iotsphere.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.iotsphere.contracts.EventValidator;
import io.iotsphere.contracts.Topics;
import io.iotsphere.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeviceApiTest {

    static final EventValidator CONTRACT = new EventValidator();

    @Test
    void registeringADeviceReturnsItsSecretOnceAndAnnouncesIt() {
        String tenant = Api.newTenant();
        Map<String, Object> device = Map.of(
                "id", "wh-001",
                "type", "water-heater",
                "name", "Basement heater",
                "manufacturer", "AquaTherm",
                "model", "AT-50",
                "serialNumber", "SN-001",
                "tags", List.of("basement", "site:hq"),
                "attributes", Map.of("tankLitres", "190"));
        String secret = Api.register(tenant, device)
                .statusCode(201)
                .header("Location", containsString("/api/v1/devices/wh-001"))
                .body("device.id", equalTo("wh-001"))
                .body("device.tenant", equalTo(tenant))
                .body("device.status", equalTo("registered"))
                .body("device.online", equalTo(false))
                .body("device.simulated", equalTo(false))
                .extract()
                .path("secret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);

        Api.as(tenant, "viewer")
                .when()
                .get("/api/v1/devices/wh-001")
                .then()
                .statusCode(200)
                .body("name", equalTo("Basement heater"))
                .body("tags", hasItem("site:hq"))
                .body("attributes.tankLitres", equalTo("190"))
                .body("secret", nullValue());

        var records = KafkaTestClient.awaitRecords(
                Topics.DEVICE_LIFECYCLE,
                KafkaTestClient.containing("device.registered", "\"" + tenant + "\""),
                Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("wh-001");
        assertThat(CONTRACT.validate(records.get(0).value())).isEmpty();
        assertThat(records.get(0).value()).doesNotContain(secret);
    }

    @Test
    void anIdIsMadeUpWhenNoneIsGiven() {
        Api.register(Api.newTenant(), Map.of("type", "vending-machine"))
                .statusCode(201)
                .body("device.id", startsWith("vending-machine-"));
    }

    @Test
    void badInputIsRefusedWithTheFieldNamed() {
        String tenant = Api.newTenant();
        Api.register(tenant, Map.of("id", "x1"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(containsString("type")));
        Api.register(tenant, Map.of("id", "has spaces", "type", "water-heater"))
                .statusCode(400)
                .body("violations.field", hasItem(containsString("id")));
        Api.register(tenant, Map.of("id", "x2", "type", "water-heater", "name", "n".repeat(257)))
                .statusCode(400)
                .body("violations.field", hasItem(containsString("name")));
        Api.register(tenant, Map.of("id", "x3", "type", "water-heater", "tags", List.of("ok", "not ok")))
                .statusCode(400)
                .body("violations.field", hasItem(containsString("tags")));
        Api.register(tenant, Map.of("id", "x4", "type", "toaster"))
                .statusCode(400)
                .body("detail", containsString("unknown device type 'toaster'"));
        Api.as(tenant, "operator")
                .body("{\"id\": \"x5\", \"type\": ")
                .when()
                .post("/api/v1/devices")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Api.as(tenant, "viewer")
                .when()
                .get("/api/v1/devices?status=sleeping&size=9999")
                .then()
                .statusCode(400)
                .body("violations", hasSize(2));
        Api.as(tenant, "viewer")
                .when()
                .get("/api/v1/devices")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void anIdIsTakenOncePerTenant() {
        String tenant = Api.newTenant();
        Api.registerHeater(tenant, "dup-1");
        Api.register(tenant, Map.of("id", "dup-1", "type", "water-heater"))
                .statusCode(409)
                .body("detail", containsString("already exists"));
    }

    @Test
    void listingFiltersAndPages() {
        String tenant = Api.newTenant();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> d = new HashMap<>();
            d.put("id", "heater-" + i);
            d.put("type", "water-heater");
            d.put("manufacturer", i % 2 == 0 ? "AquaTherm" : "HydroMax");
            d.put("tags", i < 2 ? List.of("roof") : List.of("cellar"));
            d.put("simulated", i == 4);
            d.put("name", i == 3 ? "Kitchen boiler" : "Heater " + i);
            Api.register(tenant, d).statusCode(201);
        }
        Api.register(tenant, Map.of("id", "vm-1", "type", "vending-machine")).statusCode(201);

        String base = "/api/v1/devices";
        Api.as(tenant, "viewer").get(base).then().body("total", equalTo(6));
        Api.as(tenant, "viewer").get(base + "?type=vending-machine").then().body("items.id", equalTo(List.of("vm-1")));
        Api.as(tenant, "viewer").get(base + "?manufacturer=HydroMax").then().body("total", equalTo(2));
        Api.as(tenant, "viewer")
                .get(base + "?tag=roof")
                .then()
                .body("items.id", equalTo(List.of("heater-0", "heater-1")));
        Api.as(tenant, "viewer").get(base + "?simulated=true").then().body("items.id", equalTo(List.of("heater-4")));
        Api.as(tenant, "viewer").get(base + "?q=KITCHEN").then().body("items.id", equalTo(List.of("heater-3")));
        Api.as(tenant, "viewer").get(base + "?q=100%25").then().body("total", equalTo(0));
        Api.as(tenant, "viewer").get(base + "?status=registered").then().body("total", equalTo(6));
        Api.as(tenant, "viewer")
                .get(base + "?type=water-heater&page=1&size=2")
                .then()
                .body("items.id", equalTo(List.of("heater-2", "heater-3")))
                .body("page", equalTo(1))
                .body("size", equalTo(2))
                .body("total", equalTo(5));
    }

    @Test
    void changesApplyToTheNamedFieldsAndAreAnnounced() {
        String tenant = Api.newTenant();
        Api.register(tenant, Map.of("id", "upd-1", "type", "water-heater", "name", "Old", "model", "M1"))
                .statusCode(201);
        int version = Api.as(tenant, "viewer")
                .get("/api/v1/devices/upd-1")
                .then()
                .extract()
                .path("version");
        Api.as(tenant, "operator")
                .body(Map.of("name", "New", "version", version))
                .when()
                .patch("/api/v1/devices/upd-1")
                .then()
                .statusCode(200)
                .body("name", equalTo("New"))
                .body("model", equalTo("M1"))
                .body("version", equalTo(version + 1));
        Api.as(tenant, "operator")
                .body(Map.of("name", "Stale", "version", version))
                .when()
                .patch("/api/v1/devices/upd-1")
                .then()
                .statusCode(409)
                .body("detail", containsString("version"));
        Api.as(tenant, "viewer").get("/api/v1/devices/upd-1").then().body("name", equalTo("New"));
        var records = KafkaTestClient.awaitRecords(
                Topics.DEVICE_LIFECYCLE,
                KafkaTestClient.containing("device.updated", "\"" + tenant + "\"", "\"New\""),
                Duration.ofSeconds(20));
        assertThat(CONTRACT.validate(records.get(0).value())).isEmpty();
    }

    @Test
    void decommissioningRetiresTheDeviceOnceAndRevokesItsCredential() {
        String tenant = Api.newTenant();
        Api.registerHeater(tenant, "old-1");
        Api.as(tenant, "operator")
                .body(Map.of("reason", "replaced"))
                .when()
                .post("/api/v1/devices/old-1/decommission")
                .then()
                .statusCode(200)
                .body("status", equalTo("decommissioned"))
                .body("decommissionReason", equalTo("replaced"))
                .body("decommissionedAt", notNullValue());
        Api.as(tenant, "operator")
                .when()
                .post("/api/v1/devices/old-1/decommission")
                .then()
                .statusCode(200)
                .body("decommissionReason", equalTo("replaced"));
        Api.as(tenant, "viewer")
                .get("/api/v1/devices/old-1/credentials")
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("revokedAt", notNullValue());
        Api.as(tenant, "operator")
                .body(Map.of("name", "again"))
                .when()
                .patch("/api/v1/devices/old-1")
                .then()
                .statusCode(409);
        Api.as(tenant, "viewer")
                .get("/api/v1/devices?status=decommissioned")
                .then()
                .body("items.id", equalTo(List.of("old-1")));
        var records = KafkaTestClient.awaitRecords(
                Topics.DEVICE_LIFECYCLE,
                KafkaTestClient.containing("device.decommissioned", "\"" + tenant + "\""),
                Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        assertThat(CONTRACT.validate(records.get(0).value())).isEmpty();
    }

    @Test
    void rolesLimitWhoWrites() {
        String tenant = Api.newTenant();
        Api.as(tenant, "viewer")
                .body(Map.of("id", "v-1", "type", "water-heater"))
                .when()
                .post("/api/v1/devices")
                .then()
                .statusCode(403);
        Api.registerHeater(tenant, "r-1");
        Api.as(tenant, "viewer")
                .body(Map.of("name", "x"))
                .when()
                .patch("/api/v1/devices/r-1")
                .then()
                .statusCode(403);
    }
}
