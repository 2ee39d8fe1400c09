package io.iotsphere.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.iotsphere.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tenant never sees, changes or learns of another tenant's devices; the same id may exist in both. */
@QuarkusTest
class TenantIsolationTest {

    @Test
    void anotherTenantsDeviceIsNotFound() {
        String a = Api.newTenant();
        String b = Api.newTenant();
        Api.registerHeater(a, "shared-id");

        Api.as(b, "admin").get("/api/v1/devices/shared-id").then().statusCode(404);
        Api.as(b, "admin")
                .body(Map.of("name", "hijack"))
                .when()
                .patch("/api/v1/devices/shared-id")
                .then()
                .statusCode(404);
        Api.as(b, "admin").post("/api/v1/devices/shared-id/decommission").then().statusCode(404);
        Api.as(b, "admin")
                .post("/api/v1/devices/shared-id/credentials/rotate")
                .then()
                .statusCode(404);
        Api.as(b, "admin").get("/api/v1/devices").then().body("total", equalTo(0));

        // The same id in tenant b is a different device, not a conflict that would reveal tenant a's.
        Api.registerHeater(b, "shared-id");
        Api.as(a, "viewer").get("/api/v1/devices/shared-id").then().body("tenant", equalTo(a));
        Api.as(a, "viewer").get("/api/v1/devices").then().body("items.tenant", equalTo(List.of(a)));
    }

    @Test
    void aDeviceReadsItselfOnly() {
        String tenant = Api.newTenant();
        Api.registerHeater(tenant, "self-1");
        Api.registerHeater(tenant, "other-1");
        given().auth()
                .oauth2(TestTokens.device(tenant, "self-1"))
                .get("/api/v1/devices/self-1")
                .then()
                .statusCode(200)
                .body("id", equalTo("self-1"));
        given().auth()
                .oauth2(TestTokens.device(tenant, "self-1"))
                .get("/api/v1/devices/other-1")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.device(tenant, "self-1"))
                .get("/api/v1/devices")
                .then()
                .statusCode(403);
    }
}
