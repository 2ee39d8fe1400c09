package io.iotsphere.command;

import static io.iotsphere.command.Fixtures.awaitStatus;
import static io.iotsphere.command.Fixtures.device;
import static io.iotsphere.command.Fixtures.newTenant;
import static io.iotsphere.command.Fixtures.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A water heater's set_temperature also sets the shadow's desired setpoint through shadow-service's API (stubbed at
 * the boundary by {@link ShadowStub}), with the caller's token; when the shadow is unreachable or refuses, the
 * command goes ahead all the same and says so.
 */
@QuarkusTest
class ShadowSyncTest {

    @Test
    void setTemperatureSetsTheDesiredSetpointWithTheCallersToken() {
        String tenant = newTenant();
        device(tenant, "wh-sync", "water-heater", true);
        String id = send(tenant, "wh-sync", Map.of("name", "set_temperature", "params", Map.of("temperature", 55)))
                .statusCode(201)
                .body("shadowSync", equalTo("SYNCED"))
                .extract()
                .path("id");
        var calls = ShadowStub.callsFor("wh-sync");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).method()).isEqualTo("PATCH");
        assertThat(calls.get(0).authorization()).startsWith("Bearer ");
        assertThat(calls.get(0).authorization()).contains("."); // the caller's JWT, forwarded as it came
        JsonObject body = new JsonObject(calls.get(0).body());
        assertThat(body.getJsonObject("state").getJsonObject("desired").getMap())
                .isEqualTo(Map.of("setpoint", 55));
        assertThat(body.getString("clientToken")).isEqualTo(id);
        awaitStatus(tenant, "wh-sync", id, "SENT");
    }

    @Test
    void otherCommandsLeaveTheShadowAlone() {
        String tenant = newTenant();
        device(tenant, "wh-other", "water-heater", false);
        send(tenant, "wh-other", Map.of("name", "set_mode", "params", Map.of("mode", "off")))
                .statusCode(201)
                .body("shadowSync", nullValue());
        send(tenant, "wh-other", Map.of("name", "set_temperature", "params", Map.of("temperature", 90)))
                .statusCode(400);
        assertThat(ShadowStub.callsFor("wh-other")).isEmpty();
    }

    @Test
    void anUnreachableShadowDoesNotStopTheCommand() {
        String tenant = newTenant();
        device(tenant, "shadow-down-1", "water-heater", true);
        String id = send(
                        tenant, "shadow-down-1", Map.of("name", "set_temperature", "params", Map.of("temperature", 60)))
                .statusCode(201)
                .body("shadowSync", equalTo("FAILED"))
                .extract()
                .path("id");
        // Retried (503 may pass) before giving up: the first call and two retries.
        assertThat(ShadowStub.callsFor("shadow-down-1")).hasSize(3);
        awaitStatus(tenant, "shadow-down-1", id, "SENT");
    }

    @Test
    void aShadowThatRefusesIsNotRetriedAndTheCommandGoesAhead() {
        String tenant = newTenant();
        device(tenant, "shadow-unknown-1", "water-heater", false);
        send(tenant, "shadow-unknown-1", Map.of("name", "set_temperature", "params", Map.of("temperature", 40)))
                .statusCode(201)
                .body("shadowSync", equalTo("REJECTED"))
                .body("status", equalTo("QUEUED"));
        assertThat(ShadowStub.callsFor("shadow-unknown-1")).hasSize(1);
    }
}
