package io.iotsphere.command;

import static io.iotsphere.command.Fixtures.as;
import static io.iotsphere.command.Fixtures.device;
import static io.iotsphere.command.Fixtures.newTenant;
import static io.iotsphere.command.Fixtures.send;
import static io.iotsphere.command.Fixtures.sendOk;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP contract: validation before anything is queued, roles, tenants, idempotency, history, cancellation. */
@QuarkusTest
class CommandApiTest {

    static final String PROBLEM = "application/problem+json";

    /** One tenant and device for all the bad-input cases: none of them may leave a command behind. */
    static final String BAD_INPUT_TENANT = newTenant();

    @Test
    void aValidCommandToAnOfflineDeviceIsQueuedWithItsSettings() {
        String tenant = newTenant();
        device(tenant, "wh-1", "water-heater", false);
        String expiry = Instant.now().plusSeconds(3600).toString();
        send(
                        tenant,
                        "wh-1",
                        Map.of(
                                "name",
                                "set_mode",
                                "params",
                                Map.of("mode", "vacation"),
                                "timeoutSeconds",
                                45,
                                "maxRetries",
                                4,
                                "expiresAt",
                                expiry))
                .statusCode(201)
                .header("Location", containsString("/api/v1/devices/wh-1/commands/"))
                .body("status", equalTo("QUEUED"))
                .body("deviceId", equalTo("wh-1"))
                .body("deviceType", equalTo("water-heater"))
                .body("params.mode", equalTo("vacation"))
                .body("timeoutSeconds", equalTo(45))
                .body("maxRetries", equalTo(4))
                .body("attempt", equalTo(0))
                .body("expiresAt", equalTo(expiry))
                .body("createdBy", equalTo("operator@" + tenant));
    }

    @Test
    void defaultsApplyWhenTheRequestNamesNone() {
        String tenant = newTenant();
        device(tenant, "wh-1", "water-heater", false);
        send(tenant, "wh-1", Map.of("name", "reset"))
                .statusCode(201)
                .body("timeoutSeconds", equalTo(30))
                .body("maxRetries", equalTo(2))
                .body("params", equalTo(Map.of()))
                .body("expiresAt", nullValue());
    }

    static List<Object[]> badCommands() {
        return List.of(
                new Object[] {Map.of("name", "explode"), "name: unknown command 'explode'"},
                new Object[] {
                    Map.of("name", "set_temperature", "params", Map.of("temperature", 95)),
                    "params.temperature: must be between 30 and 80"
                },
                new Object[] {
                    Map.of("name", "set_temperature", "params", Map.of("temperature", 29.5)),
                    "params.temperature: must be between 30 and 80"
                },
                new Object[] {
                    Map.of("name", "set_temperature", "params", Map.of("temperature", "hot")),
                    "params.temperature: must be a number"
                },
                new Object[] {Map.of("name", "set_temperature"), "params.temperature: is required"},
                new Object[] {
                    Map.of("name", "set_mode", "params", Map.of("mode", "turbo")),
                    "params.mode: must be one of [heat, vacation, off]"
                },
                new Object[] {Map.of("name", "reset", "params", Map.of("hard", true)), "params.hard: unknown parameter"
                },
                new Object[] {Map.of("name", "reset", "params", List.of(1, 2)), "params: must be a JSON object"},
                new Object[] {Map.of("name", "reset", "timeoutSeconds", 0), "timeoutSeconds"},
                new Object[] {Map.of("name", "reset", "timeoutSeconds", 4000), "timeoutSeconds: must be at most"},
                new Object[] {Map.of("name", "reset", "maxRetries", -1), "maxRetries"},
                new Object[] {Map.of("name", "reset", "maxRetries", 11), "maxRetries: must be at most 10"},
                new Object[] {
                    Map.of("name", "reset", "expiresAt", "2020-01-01T00:00:00Z"), "expiresAt: must be in the future"
                },
                new Object[] {Map.of("name", "Reset!"), "name"},
                new Object[] {Map.of("params", Map.of()), "name"},
                new Object[] {Map.of("name", "reset", "idempotencyKey", "has spaces"), "idempotencyKey"});
    }

    @ParameterizedTest
    @MethodSource("badCommands")
    void badInputIsRefusedWith400AndNothingIsQueued(Map<String, Object> command, String problem) {
        String tenant = BAD_INPUT_TENANT;
        device(tenant, "wh-1", "water-heater", true);
        send(tenant, "wh-1", command).statusCode(400).contentType(PROBLEM).body(containsString(problem));
        as(tenant, "viewer")
                .get("/api/v1/devices/wh-1/commands")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void severalParameterProblemsAreAllListed() {
        String tenant = newTenant();
        device(tenant, "vm-1", "vending-machine", false);
        send(tenant, "vm-1", Map.of("name", "set_price", "params", Map.of("slot", "A1234567890123456", "price", 120)))
                .statusCode(400)
                .body("errors", hasSize(2))
                .body("errors", hasItem(startsWith("params.slot: must be at most 16 characters")))
                .body("errors", hasItem(startsWith("params.price: must be between 0 and 100")));
    }

    @Test
    void malformedJsonIs400() {
        String tenant = newTenant();
        as(tenant, "operator")
                .body("{\"name\": ")
                .post("/api/v1/devices/wh-1/commands")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        as(tenant, "operator")
                .body(Map.of("name", "reset", "expiresAt", "tomorrow"))
                .post("/api/v1/devices/wh-1/commands")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
    }

    @Test
    void unknownDeviceAndAnotherTenantsDeviceAre404() {
        String tenant = newTenant();
        String other = newTenant();
        device(other, "wh-theirs", "water-heater", true);
        send(tenant, "nobody", Map.of("name", "reset")).statusCode(404).contentType(PROBLEM);
        send(tenant, "wh-theirs", Map.of("name", "reset")).statusCode(404).contentType(PROBLEM);
        String theirs = sendOk(other, "wh-theirs", Map.of("name", "reset"));
        as(tenant, "viewer")
                .get("/api/v1/devices/wh-theirs/commands/" + theirs)
                .then()
                .statusCode(404);
        as(tenant, "viewer").get("/api/v1/devices/wh-theirs/commands").then().statusCode(404);
        as(tenant, "viewer").get("/api/v1/commands").then().statusCode(200).body("total", equalTo(0));
        as(tenant, "operator")
                .post("/api/v1/devices/wh-theirs/commands/" + theirs + "/cancel")
                .then()
                .statusCode(404);
    }

    @Test
    void aDecommissionedDeviceTakesNoCommandsButKeepsItsHistory() {
        String tenant = newTenant();
        device(tenant, "wh-old", "water-heater", false);
        String queued = sendOk(tenant, "wh-old", Map.of("name", "reset"));
        Fixtures.decommission(tenant, "wh-old", "water-heater");
        Fixtures.awaitStatus(tenant, "wh-old", queued, "FAILED");
        Fixtures.get(tenant, "wh-old", queued).body("reason", equalTo("device decommissioned"));
        send(tenant, "wh-old", Map.of("name", "reset"))
                .statusCode(409)
                .body("detail", containsString("decommissioned"));
    }

    @Test
    void rolesAreEnforced() {
        String tenant = newTenant();
        device(tenant, "wh-1", "water-heater", false);
        as(tenant, "viewer")
                .body(Map.of("name", "reset"))
                .post("/api/v1/devices/wh-1/commands")
                .then()
                .statusCode(403);
        Fixtures.asDevice(tenant, "wh-1")
                .body(Map.of("name", "reset"))
                .post("/api/v1/devices/wh-1/commands")
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "reset"))
                .post("/api/v1/devices/wh-1/commands")
                .then()
                .statusCode(401);
        String id = sendOk(tenant, "wh-1", Map.of("name", "reset"));
        as(tenant, "viewer")
                .post("/api/v1/devices/wh-1/commands/" + id + "/cancel")
                .then()
                .statusCode(403);
        as(tenant, "admin")
                .body(Map.of("name", "reset"))
                .post("/api/v1/devices/wh-1/commands")
                .then()
                .statusCode(201);
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameCommand() {
        String tenant = newTenant();
        device(tenant, "wh-1", "water-heater", false);
        Map<String, Object> command =
                Map.of("name", "set_temperature", "params", Map.of("temperature", 55), "idempotencyKey", "req-42");
        String first = sendOk(tenant, "wh-1", command);
        Map<String, Object> again = new HashMap<>(command);
        again.put("params", Map.of("temperature", 55.0));
        send(tenant, "wh-1", again)
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        send(tenant, "wh-1", Map.of("name", "reset", "idempotencyKey", "req-42"))
                .statusCode(409)
                .contentType(PROBLEM)
                .body("detail", containsString("req-42"));
        as(tenant, "viewer").get("/api/v1/devices/wh-1/commands").then().body("total", equalTo(1));
        // Keys belong to the tenant: another tenant's same key is another command.
        String other = newTenant();
        device(other, "wh-1", "water-heater", false);
        String theirs = sendOk(other, "wh-1", command);
        org.assertj.core.api.Assertions.assertThat(theirs).isNotEqualTo(first);
    }

    @Test
    void historyIsFilteredAndPaged() {
        String tenant = newTenant();
        device(tenant, "wh-1", "water-heater", false);
        device(tenant, "wh-2", "water-heater", false);
        Instant before = Instant.now();
        String a = sendOk(tenant, "wh-1", Map.of("name", "reset"));
        String b = sendOk(tenant, "wh-1", Map.of("name", "set_mode", "params", Map.of("mode", "off")));
        String c = sendOk(tenant, "wh-1", Map.of("name", "reset"));
        String d = sendOk(tenant, "wh-2", Map.of("name", "reset"));
        as(tenant, "operator")
                .post("/api/v1/devices/wh-1/commands/" + c + "/cancel")
                .then()
                .statusCode(200);

        as(tenant, "viewer")
                .get("/api/v1/devices/wh-1/commands?size=2")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("size", equalTo(2))
                .body("items.id", contains(c, b))
                .body("items[0].transitions", nullValue());
        as(tenant, "viewer")
                .get("/api/v1/devices/wh-1/commands?size=2&page=1")
                .then()
                .body("items.id", contains(a));
        as(tenant, "viewer")
                .get("/api/v1/devices/wh-1/commands?status=QUEUED")
                .then()
                .body("items.id", contains(b, a));
        as(tenant, "viewer")
                .get("/api/v1/devices/wh-1/commands?status=cancelled")
                .then()
                .body("items.id", contains(c));
        as(tenant, "viewer")
                .get("/api/v1/devices/wh-1/commands?name=set_mode")
                .then()
                .body("items.id", contains(b));
        as(tenant, "viewer")
                .queryParam("from", before.minusSeconds(60).toString())
                .queryParam("to", before.toString())
                .get("/api/v1/devices/wh-1/commands")
                .then()
                .body("total", equalTo(0));
        as(tenant, "viewer")
                .queryParam("from", before.toString())
                .get("/api/v1/commands")
                .then()
                .body("items.id", contains(d, c, b, a));
        as(tenant, "viewer").get("/api/v1/commands?deviceId=wh-2").then().body("items.id", contains(d));
    }

    @Test
    void badHistoryQueriesAre400() {
        String tenant = newTenant();
        for (String query : List.of(
                "status=DONE",
                "from=yesterday",
                "size=0",
                "size=501",
                "page=-1",
                "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")) {
            as(tenant, "viewer")
                    .get("/api/v1/commands?" + query)
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM);
        }
    }

    @Test
    void aCommandShowsEveryTransitionAndCancellingTwiceIsRefused() {
        String tenant = newTenant();
        device(tenant, "wh-1", "water-heater", false);
        String id = sendOk(tenant, "wh-1", Map.of("name", "reset"));
        as(tenant, "operator")
                .body(Map.of("reason", "changed my mind"))
                .post("/api/v1/devices/wh-1/commands/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("reason", equalTo("cancelled by operator@" + tenant + ": changed my mind"))
                .body("finishedAt", org.hamcrest.Matchers.notNullValue());
        as(tenant, "operator")
                .post("/api/v1/devices/wh-1/commands/" + id + "/cancel")
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("detail", containsString("CANCELLED"));
        Fixtures.get(tenant, "wh-1", id)
                .body("transitions.from", contains(null, "QUEUED"))
                .body("transitions.to", contains("QUEUED", "CANCELLED"))
                .body("transitions[1].at", org.hamcrest.Matchers.notNullValue());
        as(tenant, "viewer")
                .get("/api/v1/devices/wh-1/commands/not-a-uuid")
                .then()
                .statusCode(404);
    }
}
