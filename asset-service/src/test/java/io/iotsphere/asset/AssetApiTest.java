package io.iotsphere.asset;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Assets made by hand, read and enriched; every field the legacy APIs returned is there. */
@QuarkusTest
class AssetApiTest {

    @Test
    void aWaterHeaterCarriesWhatTheLegacyApiReturned() {
        String tenant = Api.newTenant();
        String org = Api.location(tenant, "organization", "Acme", null);
        String site = Api.location(tenant, "site", "HQ", org);
        String room = Api.location(tenant, "room", "Basement", site);
        Map<String, Object> heater = new HashMap<>();
        heater.put("id", "wh-001");
        heater.put("type", "water-heater");
        heater.put("name", "Rheem Classic Tank");
        heater.put("manufacturer", "Rheem");
        heater.put("model", "Classic 50 Gallon");
        heater.put("serialNumber", "RH-0001");
        heater.put("locationId", room);
        heater.put("placement", "left of the stairs");
        heater.put("installDate", "2024-05-10");
        heater.put("warrantyEnd", "2034-05-10");
        heater.put(
                "waterHeater",
                Map.of(
                        "tankCapacityLitres", 189.3,
                        "fuelType", "electric",
                        "elementType", "dual 4.5 kW screw-in",
                        "powerKw", 4.5,
                        "efficiencyRating", 0.92));
        Api.createAsset(tenant, heater)
                .statusCode(201)
                .header("Location", containsString("/api/v1/assets/wh-001"))
                .body("deviceLinked", equalTo(false));

        Api.getAsset(tenant, "wh-001")
                .statusCode(200)
                .body("id", equalTo("wh-001"))
                .body("tenant", equalTo(tenant))
                .body("type", equalTo("water-heater"))
                .body("status", equalTo("active"))
                .body("name", equalTo("Rheem Classic Tank"))
                .body("manufacturer", equalTo("Rheem"))
                .body("model", equalTo("Classic 50 Gallon"))
                .body("serialNumber", equalTo("RH-0001"))
                .body("location.id", equalTo(room))
                .body("location.name", equalTo("Basement"))
                .body("location.kind", equalTo("room"))
                .body("location.path", equalTo("Acme / HQ / Basement"))
                .body("placement", equalTo("left of the stairs"))
                .body("installDate", equalTo("2024-05-10"))
                .body("warrantyEnd", equalTo("2034-05-10"))
                .body("warrantyStatus", equalTo("active"))
                .body("lastMaintenance", nullValue())
                .body("waterHeater.tankCapacityLitres", equalTo(189.3f))
                .body("waterHeater.fuelType", equalTo("electric"))
                .body("waterHeater.powerKw", equalTo(4.5f))
                .body("waterHeater.efficiencyRating", equalTo(0.92f))
                .body("$", not(hasKey("vendingMachine")))
                .body("version", equalTo(0));
    }

    @Test
    void aVendingMachineShowsItsDetailsAndStock() {
        String tenant = Api.newTenant();
        Api.createAsset(
                        tenant,
                        Map.of(
                                "id", "vm-001",
                                "type", "vending-machine",
                                "model", "PD-400",
                                "vendingMachine",
                                        Map.of(
                                                "locationType", "hospital",
                                                "useType", "public",
                                                "maintenancePartner", "CoolFix",
                                                "cashCapacity", 500)))
                .statusCode(201)
                .body("vendingMachine.locationType", equalTo("hospital"))
                .body("vendingMachine.inventory.slots", equalTo(0))
                .body("$", not(hasKey("waterHeater")));
    }

    @Test
    void anIdIsMadeUpWhenNoneIsGivenAndTakenOncePerTenant() {
        String tenant = Api.newTenant();
        Api.createAsset(tenant, Map.of("type", "water-heater")).statusCode(201).body("id", startsWith("water-heater-"));
        Api.asset(tenant, "dup-1", "water-heater");
        Api.createAsset(tenant, Map.of("id", "dup-1", "type", "vending-machine"))
                .statusCode(409)
                .body("detail", containsString("already exists"));
        Api.asset(Api.newTenant(), "dup-1", "vending-machine");
    }

    @Test
    void badInputIsRefusedWithTheFieldNamed() {
        String tenant = Api.newTenant();
        Api.createAsset(tenant, Map.of("id", "x1"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(containsString("type")));
        Api.createAsset(tenant, Map.of("id", "x2", "type", "toaster"))
                .statusCode(400)
                .body("violations.field", hasItem(containsString("type")));
        Api.createAsset(tenant, Map.of("id", "has spaces", "type", "water-heater"))
                .statusCode(400)
                .body("violations.field", hasItem(containsString("id")));
        Api.createAsset(
                        tenant,
                        Map.of("id", "x3", "type", "water-heater", "waterHeater", Map.of("tankCapacityLitres", -5)))
                .statusCode(400)
                .body("violations.field", hasItem("waterHeater.tankCapacityLitres"));
        Api.createAsset(tenant, Map.of("id", "x4", "type", "water-heater", "waterHeater", Map.of("fuelType", "coal")))
                .statusCode(400)
                .body("violations.field", hasItem("waterHeater.fuelType"));
        Api.createAsset(
                        tenant,
                        Map.of("id", "x5", "type", "water-heater", "vendingMachine", Map.of("useType", "public")))
                .statusCode(400)
                .body("detail", containsString("a water heater has no vending machine details"));
        Api.createAsset(tenant, Map.of("id", "x6", "type", "water-heater", "installDate", "2024-13-01"))
                .statusCode(400)
                .body("detail", containsString("installDate"));
        Api.createAsset(tenant, Map.of("id", "x7", "type", "water-heater", "installDate", "1850-01-01"))
                .statusCode(400)
                .body("violations.field", hasItem("installDate"));
        Api.createAsset(
                        tenant,
                        Map.of(
                                "id",
                                "x8",
                                "type",
                                "water-heater",
                                "installDate",
                                "2024-01-01",
                                "warrantyEnd",
                                "2023-01-01"))
                .statusCode(400)
                .body("detail", containsString("warrantyEnd"));
        Api.createAsset(tenant, Map.of("id", "x9", "type", "water-heater", "colour", "red"))
                .statusCode(400)
                .body("detail", containsString("unknown field 'colour'"));
        Api.createAsset(tenant, Map.of("id", "x10", "type", "water-heater", "waterHeater", Map.of("powerKw", "lots")))
                .statusCode(400)
                .body("detail", containsString("waterHeater.powerKw"));
        Api.createAsset(
                        tenant,
                        Map.of(
                                "id",
                                "x11",
                                "type",
                                "water-heater",
                                "locationId",
                                "0b7c8d3e-1b2a-4c5d-8e9f-0a1b2c3d4e5f"))
                .statusCode(400)
                .body("detail", containsString("locationId"));
        Api.operator(tenant).post("/api/v1/assets").then().statusCode(400);
        Api.viewer(tenant).get("/api/v1/assets").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aChangeIsAMergePatch() {
        String tenant = Api.newTenant();
        Api.createAsset(
                        tenant,
                        Map.of(
                                "id", "wh-p1",
                                "type", "water-heater",
                                "placement", "attic",
                                "installDate", "2020-01-01",
                                "waterHeater", Map.of("fuelType", "natural-gas", "powerKw", 10)))
                .statusCode(201);

        Api.operator(tenant)
                .body("{\"placement\": null, \"warrantyEnd\": \"2030-01-01\", \"waterHeater\": {\"powerKw\": 12.5},"
                        + " \"version\": 0}")
                .patch("/api/v1/assets/wh-p1")
                .then()
                .statusCode(200)
                .body("placement", nullValue())
                .body("installDate", equalTo("2020-01-01"))
                .body("warrantyEnd", equalTo("2030-01-01"))
                .body("waterHeater.fuelType", equalTo("natural-gas"))
                .body("waterHeater.powerKw", equalTo(12.5f))
                .body("version", equalTo(1));

        Api.operator(tenant)
                .body("{\"name\": \"Attic heater\", \"version\": 0}")
                .patch("/api/v1/assets/wh-p1")
                .then()
                .statusCode(409)
                .body("detail", containsString("version 1"));
        Api.operator(tenant)
                .body("{\"warantyEnd\": \"2031-01-01\"}")
                .patch("/api/v1/assets/wh-p1")
                .then()
                .statusCode(400)
                .body("detail", containsString("unknown field 'warantyEnd'"));
        Api.operator(tenant)
                .body("{\"vendingMachine\": {\"useType\": \"public\"}}")
                .patch("/api/v1/assets/wh-p1")
                .then()
                .statusCode(400)
                .body("detail", containsString("is a water-heater"));
        Api.operator(tenant)
                .body("{\"warrantyEnd\": \"2019-01-01\"}")
                .patch("/api/v1/assets/wh-p1")
                .then()
                .statusCode(400)
                .body("detail", containsString("before the installation date"));
        Api.operator(tenant)
                .body("{\"waterHeater\": null}")
                .patch("/api/v1/assets/wh-p1")
                .then()
                .statusCode(200)
                .body("waterHeater.fuelType", nullValue())
                .body("waterHeater.powerKw", nullValue());
        Api.viewer(tenant)
                .body("{\"name\": \"x\"}")
                .patch("/api/v1/assets/wh-p1")
                .then()
                .statusCode(403);
        Api.operator(tenant)
                .body("{\"name\": \"x\"}")
                .patch("/api/v1/assets/nope")
                .then()
                .statusCode(404);
    }

    @Test
    void warrantyStatusFollowsTheDate() {
        String tenant = Api.newTenant();
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        Api.createAsset(tenant, Map.of("id", "w1", "type", "water-heater", "warrantyEnd", today.toString()))
                .statusCode(201)
                .body("warrantyStatus", equalTo("active"));
        Api.createAsset(
                        tenant,
                        Map.of(
                                "id",
                                "w2",
                                "type",
                                "water-heater",
                                "warrantyEnd",
                                today.minusDays(1).toString()))
                .statusCode(201)
                .body("warrantyStatus", equalTo("expired"));
        Api.createAsset(tenant, Map.of("id", "w3", "type", "water-heater"))
                .statusCode(201)
                .body("warrantyStatus", equalTo("unknown"));
    }

    @Test
    void anAssetMadeByHandIsDeletedWithItsHistory() {
        String tenant = Api.newTenant();
        Api.asset(tenant, "wh-d1", "water-heater");
        Api.operator(tenant)
                .body(Map.of("performedOn", "2025-01-15", "type", "flush"))
                .post("/api/v1/assets/wh-d1/maintenance")
                .then()
                .statusCode(201)
                .body("id", notNullValue());
        Api.operator(tenant).delete("/api/v1/assets/wh-d1").then().statusCode(204);
        Api.getAsset(tenant, "wh-d1").statusCode(404);
        Api.viewer(tenant).get("/api/v1/maintenance").then().body("total", equalTo(0));
        Api.operator(tenant).delete("/api/v1/assets/wh-d1").then().statusCode(404);
    }
}
