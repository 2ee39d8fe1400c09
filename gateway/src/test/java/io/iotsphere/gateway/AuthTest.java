package io.iotsphere.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a token can be wrong is a 401 problem, before anything reaches a service. */
@QuarkusTest
class AuthTest {

    static Stream<Map.Entry<String, String>> badTokens() {
        String tenant = Tokens.newTenant();
        return Stream.of(
                Map.entry("expired", Tokens.expired(tenant)),
                Map.entry("signed with another key", Tokens.otherKey(tenant)),
                Map.entry("alg none", Tokens.unsigned(tenant)),
                Map.entry("wrong issuer", Tokens.wrongIssuer(tenant)),
                Map.entry("no tenant", Tokens.withoutTenant()),
                Map.entry("not a JWT", "not-a-token"));
    }

    @ParameterizedTest
    @MethodSource("badTokens")
    void aBadTokenIsRefused(Map.Entry<String, String> bad) {
        given().auth()
                .oauth2(bad.getValue())
                .when()
                .get("/api/v1/devices")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
    }

    @org.junit.jupiter.api.Test
    void aMissingTokenIsRefused() {
        given().when()
                .get("/api/v1/devices")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("bearer token"));
        given().header("Authorization", "Basic dXNlcjpwYXNz")
                .when()
                .get("/api/v1/devices")
                .then()
                .statusCode(401);
    }
}
