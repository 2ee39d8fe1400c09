package io.iotsphere.gateway;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The role matrix of the route table, as answered before any service is called. */
@QuarkusTest
class AccessControlTest {

    static Stream<Arguments> matrix() {
        return Stream.of(
                // role, method, path, status
                Arguments.of("viewer", "GET", "/api/v1/devices", 200),
                Arguments.of("viewer", "POST", "/api/v1/devices", 403),
                Arguments.of("operator", "POST", "/api/v1/devices", 200),
                Arguments.of("operator", "POST", "/api/v1/devices/wh-1/commands", 200),
                Arguments.of("viewer", "POST", "/api/v1/devices/wh-1/commands", 403),
                Arguments.of("viewer", "GET", "/api/v1/devices/wh-1/commands", 200),
                Arguments.of("operator", "PUT", "/api/v1/device-types/boiler", 403),
                Arguments.of("admin", "PUT", "/api/v1/device-types/boiler", 200),
                Arguments.of("operator", "POST", "/api/v1/admin/republish", 403),
                Arguments.of("admin", "POST", "/api/v1/admin/republish", 200),
                Arguments.of("viewer", "GET", "/api/v1/admin/anything", 403),
                Arguments.of("viewer", "DELETE", "/api/v1/assets/a-1", 403),
                Arguments.of("admin", "DELETE", "/api/v1/assets/a-1", 200),
                // A device: only the methods its routes grant, only for itself; another device is "not found".
                Arguments.of("device:wh-1", "POST", "/api/v1/devices/wh-1/telemetry", 200),
                Arguments.of("device:wh-1", "POST", "/api/v1/devices/wh-2/telemetry", 404),
                Arguments.of("device:wh-1", "PATCH", "/api/v1/devices/wh-1/shadow", 200),
                Arguments.of("device:wh-1", "DELETE", "/api/v1/devices/wh-1/shadow", 403),
                Arguments.of("device:wh-1", "GET", "/api/v1/devices/wh-1", 200),
                Arguments.of("device:wh-1", "PATCH", "/api/v1/devices/wh-1", 403),
                Arguments.of("device:wh-1", "GET", "/api/v1/devices", 403),
                Arguments.of("device:wh-1", "GET", "/api/v1/device-types", 200),
                Arguments.of("device:wh-1", "GET", "/api/v1/assets", 403));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("matrix")
    void theRouteTableDecides(String role, String method, String path, int status) {
        String tenant = Tokens.newTenant();
        String token = role.startsWith("device:")
                ? Tokens.device(tenant, role.substring("device:".length()))
                : Tokens.user(tenant, role);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{}")
                .when()
                .request(method, path)
                .then()
                .statusCode(status);
    }
}
