package io.iotsphere.asset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.iotsphere.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tenant never sees, changes or links to another tenant's locations, assets, records or stock (404, not 403). */
@QuarkusTest
class TenantIsolationTest {

    @Test
    void anotherTenantsEntitiesAreNotFound() {
        String a = Api.newTenant();
        String b = Api.newTenant();
        String org = Api.location(a, "organization", "A corp", null);
        Api.asset(a, "shared-1", "vending-machine");
        Api.asset(a, "heater-1", "water-heater");
        Api.operator(a)
                .body(Map.of("id", "cola", "name", "Cola"))
                .post("/api/v1/products")
                .then()
                .statusCode(201);
        Api.operator(a)
                .body(Map.of("capacity", 5, "quantity", 5, "productId", "cola"))
                .put("/api/v1/assets/shared-1/slots/A1")
                .then()
                .statusCode(201);
        String record = MaintenanceTest.record(a, "heater-1", Map.of("performedOn", "2025-01-01", "type", "flush"));
        RelationTest.relate(a, "shared-1", "feeds", "heater-1").statusCode(201);

        List<String> reads = List.of(
                "/api/v1/locations/" + org,
                "/api/v1/assets/shared-1",
                "/api/v1/assets/shared-1/slots",
                "/api/v1/assets/shared-1/relations",
                "/api/v1/assets/shared-1/inventory/movements",
                "/api/v1/assets/heater-1/maintenance",
                "/api/v1/assets/heater-1/maintenance/" + record,
                "/api/v1/products/cola");
        for (String path : reads) {
            Api.as(b, "admin").get(path).then().statusCode(404);
        }
        Api.as(b, "admin")
                .body(Map.of("name", "hijack"))
                .patch("/api/v1/assets/shared-1")
                .then()
                .statusCode(404);
        Api.as(b, "admin")
                .body(Map.of("name", "x"))
                .patch("/api/v1/locations/" + org)
                .then()
                .statusCode(404);
        Api.as(b, "admin")
                .body(Map.of("name", "x"))
                .patch("/api/v1/products/cola")
                .then()
                .statusCode(404);
        Api.as(b, "admin").delete("/api/v1/assets/shared-1").then().statusCode(404);
        Api.as(b, "admin").delete("/api/v1/locations/" + org).then().statusCode(404);
        Api.as(b, "admin").delete("/api/v1/products/cola").then().statusCode(404);
        Api.as(b, "admin")
                .delete("/api/v1/assets/heater-1/maintenance/" + record)
                .then()
                .statusCode(404);
        Api.as(b, "admin")
                .delete("/api/v1/assets/shared-1/relations/feeds/heater-1")
                .then()
                .statusCode(404);
        Api.as(b, "admin")
                .body(Map.of("capacity", 5))
                .put("/api/v1/assets/shared-1/slots/A1")
                .then()
                .statusCode(404);
        Api.as(b, "admin")
                .body(Map.of("fill", true))
                .post("/api/v1/assets/shared-1/restocks")
                .then()
                .statusCode(404);
        Api.as(b, "admin")
                .body(Map.of("performedOn", "2025-01-01", "type", "flush"))
                .post("/api/v1/assets/heater-1/maintenance")
                .then()
                .statusCode(404);
        for (String list : List.of(
                "/api/v1/assets",
                "/api/v1/locations",
                "/api/v1/products",
                "/api/v1/maintenance",
                "/api/v1/inventory/restock-needed",
                "/api/v1/assets?location=" + org)) {
            Api.as(b, "admin").get(list).then().statusCode(200).body("total", equalTo(0));
        }

        // References in bodies stay inside the tenant too.
        Api.asset(b, "own-1", "vending-machine");
        Api.createAsset(b, Map.of("id", "own-2", "type", "water-heater", "locationId", org))
                .statusCode(400)
                .body("detail", containsString("not found"));
        Api.operator(b)
                .body(Map.of("parentId", org, "kind", "site", "name", "Sneaky"))
                .post("/api/v1/locations")
                .then()
                .statusCode(400);
        RelationTest.relate(b, "own-1", "feeds", "heater-1").statusCode(400);
        Api.operator(b)
                .body(Map.of("capacity", 5, "productId", "cola"))
                .put("/api/v1/assets/own-1/slots/A1")
                .then()
                .statusCode(400);

        // The same ids are free in the other tenant, and a's data is untouched.
        Api.asset(b, "shared-1", "water-heater");
        Api.getAsset(a, "shared-1").statusCode(200).body("type", equalTo("vending-machine"));
        Api.viewer(a).get("/api/v1/assets/shared-1/slots").then().body("[0].quantity", equalTo(5));
    }

    @Test
    void rolesAndTokensAreEnforced() {
        String tenant = Api.newTenant();
        Api.asset(tenant, "vm-1", "vending-machine");
        Api.viewer(tenant)
                .body(Map.of("type", "water-heater"))
                .post("/api/v1/assets")
                .then()
                .statusCode(403);
        Api.viewer(tenant)
                .body(Map.of("fill", true))
                .post("/api/v1/assets/vm-1/restocks")
                .then()
                .statusCode(403);
        Api.viewer(tenant).delete("/api/v1/assets/vm-1").then().statusCode(403);
        given().get("/api/v1/assets").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/v1/assets").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.sign(TestTokens.claims("someone", null, "admin")))
                .get("/api/v1/assets")
                .then()
                .statusCode(401);
        // A device token reads nothing here: assets are for people.
        given().auth()
                .oauth2(TestTokens.device(tenant, "vm-1"))
                .get("/api/v1/assets/vm-1")
                .then()
                .statusCode(403);
    }
}
