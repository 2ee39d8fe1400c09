package io.iotsphere.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operational contract every service keeps: readiness is UP only because each real dependency answered, liveness
 * is UP, Prometheus metrics and the OpenAPI document are published. A service's test extends this and names the
 * readiness checks its dependencies must contribute.
 */
public abstract class AbstractHealthTest {

    /** Names of the readiness checks (one per datastore and the broker) that must be present and UP. */
    protected abstract List<String> readinessChecks();

    @Test
    void readinessIsUpBecauseEveryDependencyAnswered() {
        JsonPath health = given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .extract()
                .jsonPath();
        List<String> names = health.getList("checks.name");
        for (String check : readinessChecks()) {
            assertThat("readiness checks " + names, names, hasItem(check));
            String status = health.getString("checks.find { it.name == '" + check + "' }.status");
            assertThat(check, status, equalTo("UP"));
        }
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsArePublishedForPrometheus() {
        given().accept("text/plain")
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"), containsString("# TYPE"));
    }

    @Test
    void openApiDocumentIsPublished() {
        given().accept("application/json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("openapi", containsString("3."))
                .body("info.keySet()", hasItems("title", "version"));
    }
}
