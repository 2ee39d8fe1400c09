package io.iotsphere.registry;

import static io.restassured.RestAssured.given;

import io.iotsphere.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Calls to the registry's API as a given role of a given tenant. */
final class Api {

    private Api() {}

    static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static RequestSpecification as(String tenant, String role) {
        return given().auth().oauth2(TestTokens.user(tenant, role)).contentType(ContentType.JSON);
    }

    static ValidatableResponse register(String tenant, Map<String, Object> device) {
        return as(tenant, "operator")
                .body(device)
                .when()
                .post("/api/v1/devices")
                .then();
    }

    /** Registers a water heater and returns its secret. */
    static String registerHeater(String tenant, String id) {
        return register(tenant, Map.of("id", id, "type", "water-heater", "manufacturer", "AquaTherm"))
                .statusCode(201)
                .extract()
                .path("secret");
    }
}
