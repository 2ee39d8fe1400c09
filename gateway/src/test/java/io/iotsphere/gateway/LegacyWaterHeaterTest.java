package io.iotsphere.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The original /api/water-heaters paths, composed from the registry's device and the shadow's state. */
@QuarkusTest
class LegacyWaterHeaterTest {

    @Test
    void aWaterHeaterIsComposedFromDeviceAndShadow() {
        given().auth()
                .oauth2(Tokens.user(Tokens.newTenant(), "viewer"))
                .when()
                .get("/api/water-heaters/legacy-1")
                .then()
                .statusCode(200)
                .body("id", equalTo("legacy-1"))
                .body("manufacturer", equalTo("AquaTherm"))
                .body("location", equalTo("Basement"))
                .body("currentTemperature", equalTo(52.5f))
                .body("targetTemperature", equalTo(60.0f))
                .body("mode", equalTo("heat"))
                .body("heating", equalTo(true));
    }

    @Test
    void aDeviceOfAnotherTypeIsNoWaterHeater() {
        given().auth()
                .oauth2(Tokens.user(Tokens.newTenant(), "viewer"))
                .when()
                .get("/api/water-heaters/legacy-vending-1")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void temperatureControlIsValidatedThenSentAsACommand() {
        String token = Tokens.user(Tokens.newTenant(), "operator");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"temperature\":95}")
                .when()
                .put("/api/water-heaters/legacy-2/temperature")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"temperature\":58}")
                .when()
                .put("/api/water-heaters/legacy-2/temperature")
                .then()
                .statusCode(202)
                .body("path", equalTo("/api/v1/devices/legacy-2/commands"))
                .body("body", equalTo("{\"name\":\"set_temperature\",\"params\":{\"temperature\":58.0}}"));
    }

    @Test
    void viewersCannotControlAndStrangersCannotRead() {
        given().auth()
                .oauth2(Tokens.user(Tokens.newTenant(), "viewer"))
                .contentType("application/json")
                .body("{\"temperature\":58}")
                .when()
                .put("/api/water-heaters/legacy-2/temperature")
                .then()
                .statusCode(403);
        given().when().get("/api/water-heaters").then().statusCode(401);
    }
}
