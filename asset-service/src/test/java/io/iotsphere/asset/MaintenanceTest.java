package io.iotsphere.asset;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Maintenance history: records, the asset's last maintenance, lists per asset and per tenant, bad input. */
@QuarkusTest
class MaintenanceTest {

    static String record(String tenant, String asset, Map<String, Object> body) {
        return Api.operator(tenant)
                .body(body)
                .post("/api/v1/assets/" + asset + "/maintenance")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void recordsMakeTheHistoryAndTheLastMaintenance() {
        String tenant = Api.newTenant();
        Api.asset(tenant, "wh-m1", "water-heater");
        Api.asset(tenant, "vm-m1", "vending-machine");
        String flush = record(
                tenant,
                "wh-m1",
                Map.of(
                        "performedOn", "2024-03-01",
                        "type", "flush",
                        "cost", 120.5,
                        "currency", "EUR",
                        "notes", "heavy sediment",
                        "performedBy", "PlumbCo"));
        String anode = record(tenant, "wh-m1", Map.of("performedOn", "2025-02-01", "type", "anode-replacement"));
        record(tenant, "wh-m1", Map.of("performedOn", "2023-01-01", "type", "inspection"));
        record(tenant, "vm-m1", Map.of("performedOn", "2025-01-10", "type", "repair"));

        Api.getAsset(tenant, "wh-m1")
                .body("lastMaintenance", equalTo("2025-02-01"))
                .body("version", equalTo(3));
        Api.viewer(tenant)
                .get("/api/v1/assets/wh-m1/maintenance")
                .then()
                .body("total", equalTo(3))
                .body("items.type", equalTo(List.of("anode-replacement", "flush", "inspection")));
        Api.viewer(tenant)
                .get("/api/v1/assets/wh-m1/maintenance/" + flush)
                .then()
                .statusCode(200)
                .body("cost", equalTo(120.5f))
                .body("currency", equalTo("EUR"))
                .body("notes", equalTo("heavy sediment"))
                .body("performedBy", equalTo("PlumbCo"))
                .body("recordedBy", equalTo("operator@" + tenant));
        Api.viewer(tenant)
                .get("/api/v1/assets/wh-m1/maintenance?from=2024-01-01&to=2024-12-31")
                .then()
                .body("items.id", equalTo(List.of(flush)));
        Api.viewer(tenant)
                .get("/api/v1/maintenance?assetType=water-heater&type=anode-replacement")
                .then()
                .body("items.id", equalTo(List.of(anode)));
        Api.viewer(tenant)
                .get("/api/v1/maintenance?size=2")
                .then()
                .body("total", equalTo(4))
                .body("items.assetId", equalTo(List.of("wh-m1", "vm-m1")));

        Api.operator(tenant)
                .delete("/api/v1/assets/wh-m1/maintenance/" + anode)
                .then()
                .statusCode(204);
        Api.getAsset(tenant, "wh-m1").body("lastMaintenance", equalTo("2024-03-01"));
        Api.viewer(tenant)
                .get("/api/v1/assets/wh-m1/maintenance/" + anode)
                .then()
                .statusCode(404);
        Api.viewer(tenant)
                .get("/api/v1/assets/vm-m1/maintenance/" + flush)
                .then()
                .statusCode(404);
        Api.viewer(tenant)
                .get("/api/v1/assets/wh-m1/maintenance/not-a-uuid")
                .then()
                .statusCode(404);
    }

    @Test
    void badRecordsAreRefused() {
        String tenant = Api.newTenant();
        Api.asset(tenant, "wh-b1", "water-heater");
        String path = "/api/v1/assets/wh-b1/maintenance";
        String tomorrowPlusOne = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        Api.operator(tenant)
                .body(Map.of("performedOn", tomorrowPlusOne, "type", "flush"))
                .post(path)
                .then()
                .statusCode(400)
                .body("detail", containsString("in the future"));
        Api.operator(tenant)
                .body(Map.of("performedOn", "2024-01-01", "type", "polish"))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("type"));
        Api.operator(tenant)
                .body(Map.of("type", "flush"))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("performedOn"));
        Api.operator(tenant)
                .body(Map.of("performedOn", "2024-01-01", "type", "flush", "cost", 10))
                .post(path)
                .then()
                .statusCode(400)
                .body("detail", containsString("cost and currency"));
        Api.operator(tenant)
                .body(Map.of("performedOn", "2024-01-01", "type", "flush", "cost", -1, "currency", "EUR"))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("cost"));
        Api.operator(tenant)
                .body(Map.of("performedOn", "2024-01-01", "type", "flush", "cost", 1.234, "currency", "EUR"))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("cost"));
        Api.operator(tenant)
                .body(Map.of("performedOn", "2024-01-01", "type", "flush", "currency", "euro", "cost", 1))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("currency"));
        Api.operator(tenant)
                .body(Map.of("performedOn", "2024-01-01", "type", "flush"))
                .post("/api/v1/assets/nope/maintenance")
                .then()
                .statusCode(404);
        Api.viewer(tenant)
                .get(path + "?from=2024-05-01&to=2024-01-01")
                .then()
                .statusCode(400)
                .body("detail", containsString("before"));
        Api.viewer(tenant).get(path + "?from=2024-02-30").then().statusCode(400);
        Api.viewer(tenant)
                .body(Map.of("performedOn", "2024-01-01", "type", "flush"))
                .post(path)
                .then()
                .statusCode(403);
        Api.getAsset(tenant, "wh-b1").body("lastMaintenance", nullValue()).body("version", equalTo(0));
    }
}
