package io.iotsphere.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The original /api/vending-machines paths, composed from the registry's device, the asset and the shadow. */
@QuarkusTest
class LegacyVendingMachineTest {

    @Test
    void aMachineIsComposedFromDeviceAssetShadowAndSlots() {
        given().auth()
                .oauth2(Tokens.user(Tokens.newTenant(), "viewer"))
                .when()
                .get("/api/vending-machines/legacy-vending-1")
                .then()
                .statusCode(200)
                .body("id", equalTo("legacy-vending-1"))
                .body("manufacturer", equalTo("AquaTherm"))
                .body("online", equalTo(true))
                .body("location", equalTo("Acme / Central Station / B1"))
                .body("locationBusinessName", equalTo("Central Station"))
                .body("subLocation", equalTo("Lobby, left of the lifts"))
                .body("machineStatus", equalTo("NEEDS_RESTOCK"))
                .body("mode", equalTo("normal"))
                .body("temperature", equalTo(4.5f))
                .body("currentCash", equalTo(120.5f))
                .body("totalCapacity", equalTo(20))
                .body("cashCapacity", equalTo(500.0f))
                .body("locationType", equalTo("transportation"))
                .body("useType", equalTo("public"))
                .body("maintenancePartner", equalTo("FixIt"))
                .body("lastMaintenanceDate", equalTo("2026-10-02"))
                .body("products.location", contains("A1", "A2"))
                .body("products.productId", contains("legacy-cola", "legacy-water"))
                .body("products.quantity", contains(0, 4))
                .body("products.category", contains("drinks", "drinks"));
    }

    @Test
    void theMachineStatusFollowsPresenceAndStock() {
        String token = Tokens.user(Tokens.newTenant(), "viewer");
        given().auth()
                .oauth2(token)
                .get("/api/vending-machines/legacy-vending-empty")
                .then()
                .statusCode(200)
                .body("machineStatus", equalTo("OUT_OF_STOCK"));
        given().auth()
                .oauth2(token)
                .get("/api/vending-machines/legacy-vending-full")
                .then()
                .statusCode(200)
                .body("machineStatus", equalTo("OPERATIONAL"));
        given().auth()
                .oauth2(token)
                .get("/api/vending-machines/legacy-vending-off")
                .then()
                .statusCode(200)
                .body("machineStatus", equalTo("OFFLINE"));
    }

    @Test
    void theListShowsTheTenantsMachinesWithoutProducts() {
        given().auth()
                .oauth2(Tokens.user(Tokens.newTenant(), "operator"))
                .when()
                .get("/api/vending-machines?size=10")
                .then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body("id", contains("legacy-vending-1", "legacy-vending-off"))
                .body("[0].machineStatus", equalTo("NEEDS_RESTOCK"))
                .body("[0].products", nullValue());
    }

    @Test
    void aWaterHeaterIsNoVendingMachine() {
        given().auth()
                .oauth2(Tokens.user(Tokens.newTenant(), "viewer"))
                .when()
                .get("/api/vending-machines/legacy-1")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aNewMachinesDetailsGoToItsAssetEvenBeforeTheAssetServiceKnowsIt() {
        given().auth()
                .oauth2(Tokens.user(Tokens.newTenant(), "operator"))
                .contentType("application/json")
                .body("{\"id\":\"legacy-new-1\",\"name\":\"Hall\",\"locationType\":\"office\",\"cashCapacity\":300}")
                .when()
                .post("/api/vending-machines")
                .then()
                .statusCode(201)
                .header("Location", equalTo("/api/vending-machines/legacy-new-1"))
                .body("id", equalTo("legacy-new-1"))
                .body("secret", equalTo("shown-once"))
                .body("locationType", equalTo("office"))
                .body("cashCapacity", equalTo(300.0f));
    }

    @Test
    void badInputIsAProblemAndViewersCannotWrite() {
        given().auth()
                .oauth2(Tokens.user(Tokens.newTenant(), "operator"))
                .contentType("application/json")
                .body("{\"name\":\"x\",\"cashCapacity\":-5}")
                .when()
                .put("/api/vending-machines/legacy-vending-1")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("cashCapacity"));
        given().auth()
                .oauth2(Tokens.user(Tokens.newTenant(), "viewer"))
                .contentType("application/json")
                .body("{\"name\":\"x\"}")
                .when()
                .put("/api/vending-machines/legacy-vending-1")
                .then()
                .statusCode(403);
        given().when().get("/api/vending-machines").then().statusCode(401);
    }
}
