package io.iotsphere.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
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

    /**
     * The gateway remembers verified tokens (to skip the signature check next time), keyed on the exact token: another
     * signature on the same claims is verified, and refused; and a remembered token is refused once it expires.
     */
    @org.junit.jupiter.api.Test
    void aRememberedTokenIsHonouredOnlyAsItselfAndOnlyUntilItExpires() {
        String token = Tokens.expiringIn(Tokens.newTenant(), 3);
        given().auth().oauth2(token).when().get("/api/v1/assets").then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/v1/assets").then().statusCode(200);

        String[] parts = token.split("\\.");
        String forged =
                parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);
        given().auth().oauth2(forged).when().get("/api/v1/assets").then().statusCode(401);

        // The test profile allows 1 s of clock skew (60 s by default), so the token fails within seconds of its exp.
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .when()
                        .get("/api/v1/assets")
                        .then()
                        .statusCode(401));
    }
}
