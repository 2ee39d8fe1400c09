package io.iotsphere.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token buckets in Redis: a viewer's burst (10 in tests) passes, the next request waits (429 + Retry-After). */
@QuarkusTest
class RateLimitTest {

    @Test
    void aSubjectBeyondItsBurstIsToldToWait() {
        String token = Tokens.user(Tokens.newTenant(), "viewer");
        List<Integer> statuses = new ArrayList<>();
        Response limited = null;
        for (int i = 0; i < 15; i++) {
            Response r = given().auth().oauth2(token).when().get("/api/v1/devices");
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && limited == null) {
                limited = r;
            }
        }
        assertThat(statuses.subList(0, 10)).containsOnly(200);
        assertThat(statuses).contains(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);
    }

    @Test
    void anotherSubjectIsNotHeldBack() {
        String tenant = Tokens.newTenant();
        String busy = Tokens.user(tenant, "viewer");
        for (int i = 0; i < 12; i++) {
            given().auth().oauth2(busy).when().get("/api/v1/devices");
        }
        given().auth()
                .oauth2(Tokens.user(tenant, "operator"))
                .when()
                .get("/api/v1/devices")
                .then()
                .statusCode(200);
    }
}
