package io.iotsphere.registry;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BulkRegistrationTest {

    static List<Map<String, Object>> heaters(int count) {
        List<Map<String, Object>> devices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            devices.add(Map.of("id", "bulk-" + i, "type", "water-heater"));
        }
        return devices;
    }

    @Test
    void allDevicesAreRegisteredEachWithItsOwnSecret() {
        String tenant = Api.newTenant();
        Api.as(tenant, "operator")
                .body(Map.of("devices", heaters(25)))
                .when()
                .post("/api/v1/devices/bulk")
                .then()
                .statusCode(201)
                .body("devices", hasSize(25))
                .body("devices[24].device.id", equalTo("bulk-24"))
                .body("devices[24].secret", notNullValue());
        Api.as(tenant, "viewer").get("/api/v1/devices").then().body("total", equalTo(25));
    }

    @Test
    void oneBadItemRegistersNothingAndEveryProblemIsListed() {
        String tenant = Api.newTenant();
        Api.registerHeater(tenant, "bulk-3");
        List<Map<String, Object>> devices = heaters(6);
        devices.set(1, Map.of("id", "bulk-1", "type", "toaster"));
        devices.set(5, Map.of("id", "bulk-0", "type", "water-heater"));
        Api.as(tenant, "operator")
                .body(Map.of("devices", devices))
                .when()
                .post("/api/v1/devices/bulk")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("nothing was registered"))
                .body("errors", hasSize(3))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].problems[0]", containsString("unknown device type"))
                .body("errors[1].index", equalTo(3))
                .body("errors[1].problems[0]", containsString("already exists"))
                .body("errors[2].index", equalTo(5))
                .body("errors[2].problems[0]", containsString("more than once"));
        Api.as(tenant, "viewer").get("/api/v1/devices").then().body("total", equalTo(1));
    }

    @Test
    void onlyConflictsAnswer409() {
        String tenant = Api.newTenant();
        Api.registerHeater(tenant, "bulk-0");
        Api.as(tenant, "operator")
                .body(Map.of("devices", heaters(2)))
                .when()
                .post("/api/v1/devices/bulk")
                .then()
                .statusCode(409)
                .body("errors[0].id", equalTo("bulk-0"));
    }

    @Test
    void fieldErrorsNameTheItem() {
        Api.as(Api.newTenant(), "operator")
                .body(Map.of("devices", List.of(Map.of("id", "ok", "type", "water-heater"), Map.of("id", "no type"))))
                .when()
                .post("/api/v1/devices/bulk")
                .then()
                .statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItem(containsString("devices[1]")));
    }

    @Test
    void tooManyDevicesAreRefused() {
        Api.as(Api.newTenant(), "operator")
                .body(Map.of("devices", heaters(1001)))
                .when()
                .post("/api/v1/devices/bulk")
                .then()
                .statusCode(400)
                .body("detail", containsString("at most 1000"));
        Api.as(Api.newTenant(), "operator")
                .body(Map.of("devices", List.of()))
                .when()
                .post("/api/v1/devices/bulk")
                .then()
                .statusCode(400);
    }
}
