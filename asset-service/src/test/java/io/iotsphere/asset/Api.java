package io.iotsphere.asset;

import static io.restassured.RestAssured.given;

import io.iotsphere.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Calls to the asset service's API as a given role of a given tenant. */
final class Api {

    private Api() {}

    static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static RequestSpecification as(String tenant, String role) {
        return given().auth().oauth2(TestTokens.user(tenant, role)).contentType(ContentType.JSON);
    }

    static RequestSpecification operator(String tenant) {
        return as(tenant, "operator");
    }

    static RequestSpecification viewer(String tenant) {
        return as(tenant, "viewer");
    }

    /** Creates a location and returns its id. */
    static String location(String tenant, String kind, String name, String parentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("name", name);
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return operator(tenant)
                .body(body)
                .post("/api/v1/locations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static ValidatableResponse createAsset(String tenant, Map<String, Object> asset) {
        return operator(tenant).body(asset).post("/api/v1/assets").then();
    }

    /** Creates an asset by hand (no device behind it) and returns its id. */
    static String asset(String tenant, String id, String type) {
        return createAsset(tenant, Map.of("id", id, "type", type))
                .statusCode(201)
                .extract()
                .path("id");
    }

    static ValidatableResponse getAsset(String tenant, String id) {
        return viewer(tenant).get("/api/v1/assets/" + id).then();
    }
}
