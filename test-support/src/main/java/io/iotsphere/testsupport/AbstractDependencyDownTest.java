package io.iotsphere.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * With one dependency unreachable (see {@link DependencyDown}), readiness is DOWN (503) and the check of that
 * dependency are the only ones that say so. Subclasses only carry {@code @QuarkusTest
 * @TestProfile(DependencyDown.X.class)}.
 */
public abstract class AbstractDependencyDownTest {

    /** The readiness checks that must report DOWN, and be the only ones that do: named by the profile. */
    private static List<String> failingChecks() {
        return ConfigProvider.getConfig().getValues(DependencyDown.EXPECTED_DOWN, String.class);
    }

    @Test
    void readinessIsDownAndNamesTheUnreachableDependency() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(
                        "checks.findAll { it.status == 'DOWN' }.name",
                        containsInAnyOrder(failingChecks().toArray()));
    }
}
