package io.iotsphere.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Routing and what reaches the services: token, request id, trace context, body and query, streamed. */
@QuarkusTest
class ProxyTest {

    @Test
    void aRequestReachesTheOwningServiceWithTokenRequestIdAndTrace() {
        String token = Tokens.user(Tokens.newTenant(), "operator");
        given().auth()
                .oauth2(token)
                .header("X-Request-Id", "req-123")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .contentType("application/json")
                .body("{\"name\":\"x\"}")
                .when()
                .patch("/api/v1/devices/wh-1?dryRun=true")
                .then()
                .statusCode(200)
                .header("X-Request-Id", "req-123")
                .body("method", equalTo("PATCH"))
                .body("path", equalTo("/api/v1/devices/wh-1"))
                .body("query", equalTo("dryRun=true"))
                .body("authorization", equalTo("Bearer " + token))
                .body("requestId", equalTo("req-123"))
                .body("traceparent", startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-"))
                .body("traceparent", matchesPattern("^00-[0-9a-f]{32}-(?!00f067aa0ba902b7)[0-9a-f]{16}-01$"))
                .body("body", equalTo("{\"name\":\"x\"}"));
    }

    @Test
    void aRequestWithoutIdsGetsThem() {
        given().auth()
                .oauth2(Tokens.user(Tokens.newTenant(), "viewer"))
                .when()
                .get("/api/v1/assets")
                .then()
                .statusCode(200)
                .header("X-Request-Id", notNullValue())
                .body("traceparent", matchesPattern("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$"));
    }

    @Test
    void anUnknownPathIsNotFound() {
        given().auth()
                .oauth2(Tokens.user(Tokens.newTenant(), "admin"))
                .when()
                .get("/api/v1/nothing-here")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anUnreachableServiceIs502AndASlowOne504() {
        given().auth()
                .oauth2(Tokens.user(Tokens.newTenant(), "admin"))
                .when()
                .get("/api/v1/fleets")
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("detail", containsString("fleets is unavailable"));
        given().auth()
                .oauth2(Tokens.user(Tokens.newTenant(), "admin"))
                .when()
                .get("/api/v1/predictions/slow")
                .then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("detail", containsString("did not answer"));
    }

    @Test
    void theTokenExchangeNeedsNoToken() {
        given().contentType("application/json")
                .body("{\"tenant\":\"acme\",\"secret\":\"s\"}")
                .when()
                .post("/api/v1/devices/wh-1/token")
                .then()
                .statusCode(200)
                .body("authorization", equalTo(null));
    }
}
