package io.iotsphere.telemetry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.iotsphere.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.function.Predicate;

/** The service's HTTP API as the tests call it. */
final class Api {

    private Api() {}

    static RequestSpecification as(String tenant, String role) {
        return given().auth().oauth2(TestTokens.user(tenant, role));
    }

    static RequestSpecification asDevice(String tenant, String deviceId) {
        return given().auth().oauth2(TestTokens.device(tenant, deviceId));
    }

    static Response post(String tenant, String deviceId, String body) {
        return as(tenant, "operator")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/devices/{id}/telemetry", deviceId);
    }

    /** Posts readings that must be accepted. */
    static void accepted(String tenant, String deviceId, String body) {
        post(tenant, deviceId, body).then().statusCode(202);
    }

    static Response series(String tenant, String deviceId, String query) {
        return as(tenant, "viewer").get("/api/v1/devices/{id}/telemetry?" + query, deviceId);
    }

    static JsonPath latest(String tenant, String deviceId) {
        return as(tenant, "viewer")
                .get("/api/v1/devices/{id}/telemetry/latest", deviceId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Waits until the series query answers something the predicate accepts, and returns it. */
    static JsonPath awaitSeries(String tenant, String deviceId, String query, Predicate<JsonPath> done) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Response response = series(tenant, deviceId, query);
                    if (response.statusCode() != 200) {
                        throw new AssertionError(
                                "query " + query + " answered " + response.statusCode() + ": " + response.asString());
                    }
                    last[0] = response.jsonPath();
                    return done.test(last[0]);
                });
        return last[0];
    }

    /** Waits until the latest values show the metric with the value. */
    static JsonPath awaitLatest(String tenant, String deviceId, String metric, double value) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    last[0] = latest(tenant, deviceId);
                    Object found = last[0].get("values.'" + metric + "'.value");
                    return found instanceof Number n && Math.abs(n.doubleValue() - value) < 1e-3;
                });
        return last[0];
    }
}
