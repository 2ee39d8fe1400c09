package io.iotsphere.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.iotsphere.testsupport.JwtTestResource;
import io.iotsphere.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CredentialTest {

    @Inject
    JWTParser parser;

    static Response exchange(String tenant, String id, String secret) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("tenant", tenant, "secret", secret))
                .when()
                .post("/api/v1/devices/" + id + "/token");
    }

    @Test
    void aDeviceTradesItsSecretForASignedShortLivedToken() throws Exception {
        String tenant = Api.newTenant();
        String secret = Api.registerHeater(tenant, "tok-1");
        String token = exchange(tenant, "tok-1", secret)
                .then()
                .statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(3600))
                .extract()
                .path("accessToken");
        JsonWebToken jwt = parser.verify(token, TestTokens.publicKey());
        assertThat(jwt.getIssuer()).isEqualTo(JwtTestResource.DEVICE_ISSUER);
        assertThat(jwt.getSubject()).isEqualTo("tok-1");
        assertThat(jwt.getGroups()).containsExactly("device");
        assertThat((String) jwt.getClaim("tenant")).isEqualTo(tenant);
        assertThat(jwt.getExpirationTime() - jwt.getIssuedAtTime()).isEqualTo(3600);
        // The first authentication makes the device active, and the token works as a device token.
        given().auth()
                .oauth2(token)
                .get("/api/v1/devices/tok-1")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"));
    }

    @Test
    void anyMistakeGetsTheSameAnswer() {
        String tenant = Api.newTenant();
        String secret = Api.registerHeater(tenant, "tok-2");
        String wrongSecret = exchange(tenant, "tok-2", secret + "x")
                .then()
                .statusCode(401)
                .extract()
                .asString();
        String unknownDevice = exchange(tenant, "nobody", secret)
                .then()
                .statusCode(401)
                .extract()
                .asString();
        String otherTenant = exchange(Api.newTenant(), "tok-2", secret)
                .then()
                .statusCode(401)
                .extract()
                .asString();
        assertThat(unknownDevice.replace("/nobody/", "/tok-2/")).isEqualTo(wrongSecret);
        assertThat(otherTenant).isEqualTo(wrongSecret);
        assertThat(wrongSecret).contains("invalid device credentials");
    }

    @Test
    void repeatedFailuresLockTheDeviceIdOutEvenForTheRightSecret() {
        String tenant = Api.newTenant();
        String secret = Api.registerHeater(tenant, "tok-3");
        for (int i = 0; i < 5; i++) {
            exchange(tenant, "tok-3", "guess-" + i).then().statusCode(401);
        }
        exchange(tenant, "tok-3", secret)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        // Another device of the tenant is not affected.
        String other = Api.registerHeater(tenant, "tok-4");
        exchange(tenant, "tok-4", other).then().statusCode(200);
    }

    @Test
    void rotationReplacesTheSecretAndRevocationEndsIt() {
        String tenant = Api.newTenant();
        String first = Api.registerHeater(tenant, "tok-5");
        String second = Api.as(tenant, "operator")
                .post("/api/v1/devices/tok-5/credentials/rotate")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        assertThat(second).isNotEqualTo(first);
        exchange(tenant, "tok-5", first).then().statusCode(401);
        exchange(tenant, "tok-5", second).then().statusCode(200);
        Api.as(tenant, "viewer")
                .get("/api/v1/devices/tok-5/credentials")
                .then()
                .body("active", equalTo(true))
                .body("rotatedAt", notNullValue());
        Api.as(tenant, "operator")
                .delete("/api/v1/devices/tok-5/credentials")
                .then()
                .statusCode(200);
        exchange(tenant, "tok-5", second).then().statusCode(401);
        Api.as(tenant, "viewer").get("/api/v1/devices/tok-5/credentials").then().body("active", equalTo(false));
    }

    @Test
    void aDecommissionedDeviceGetsNoToken() {
        String tenant = Api.newTenant();
        String secret = Api.registerHeater(tenant, "tok-6");
        Api.as(tenant, "operator")
                .post("/api/v1/devices/tok-6/decommission")
                .then()
                .statusCode(200);
        exchange(tenant, "tok-6", secret).then().statusCode(401);
    }

    @Test
    void malformedRequestsAreRefusedBeforeAnyCheck() {
        given().contentType(ContentType.JSON)
                .body(Map.of("secret", "x"))
                .when()
                .post("/api/v1/devices/tok-7/token")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("tenant", "Not A Tenant", "secret", "x"))
                .when()
                .post("/api/v1/devices/tok-7/token")
                .then()
                .statusCode(400);
    }
}
