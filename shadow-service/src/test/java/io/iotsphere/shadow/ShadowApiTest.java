package io.iotsphere.shadow;

import static io.iotsphere.shadow.Fixtures.device;
import static io.iotsphere.shadow.Fixtures.get;
import static io.iotsphere.shadow.Fixtures.operator;
import static io.iotsphere.shadow.Fixtures.patch;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.EventValidator;
import io.iotsphere.contracts.Topics;
import io.iotsphere.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP contract of the shadow API: roles, tenants, versions, limits, errors and the events it publishes. */
@QuarkusTest
class ShadowApiTest {

    private static final String PROBLEM = "application/problem+json";

    // ------------------------------------------------------------------------------------------------ basics

    @Test
    void createsReadsAndEchoesTheClientToken() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);

        patch(operator(tenant), id, "{\"state\":{\"desired\":{\"targetTemperature\":55}},\"clientToken\":\"cmd-1\"}")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("state.desired.targetTemperature", equalTo(55))
                .body("state.delta.targetTemperature", equalTo(55))
                .body("version", equalTo(1))
                .body("clientToken", equalTo("cmd-1"));

        JsonNode read = Fixtures.json(get(TestTokens.user(tenant, "viewer"), id)
                .then()
                .statusCode(200)
                .extract()
                .response());
        assertThat(read.at("/metadata/desired/targetTemperature/timestamp").asLong())
                .isEqualTo(read.path("timestamp").asLong())
                .isPositive();
        assertThat(read.has("clientToken")).isFalse();
    }

    @Test
    void metadataTimestampsChangeOnlyForTheFieldsAnUpdateNames() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        JsonNode first =
                Fixtures.json(patch(operator(tenant), id, "{\"state\":{\"desired\":{\"a\":1,\"n\":{\"x\":1}}}}")
                        .then()
                        .statusCode(200)
                        .extract()
                        .response());
        long t1 = first.at("/metadata/desired/a/timestamp").asLong();
        org.awaitility.Awaitility.await().until(() -> System.currentTimeMillis() > t1 + 2);
        JsonNode second = Fixtures.json(patch(operator(tenant), id, "{\"state\":{\"desired\":{\"b\":2}}}")
                .then()
                .statusCode(200)
                .extract()
                .response());
        assertThat(second.at("/metadata/desired/a/timestamp").asLong()).isEqualTo(t1);
        assertThat(second.at("/metadata/desired/n/x/timestamp").asLong()).isEqualTo(t1);
        assertThat(second.at("/metadata/desired/b/timestamp").asLong()).isGreaterThan(t1);
    }

    @Test
    void keepsNumbersExactlyAsSent() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        String pi = "3.14159265358979323846264338327950288";
        String big = "123456789012345678901234567890";
        patch(operator(tenant), id, "{\"state\":{\"desired\":{\"pi\":" + pi + ",\"big\":" + big + ",\"t\":55.0}}}")
                .then()
                .statusCode(200);
        String body = get(operator(tenant), id).then().statusCode(200).extract().asString();
        assertThat(body).contains("\"pi\":" + pi, "\"big\":" + big, "\"t\":55.0");
    }

    // ------------------------------------------------------------------------------------------------ roles

    @Test
    void rolesDecideWhoSetsWhat() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        String other = Fixtures.deviceId();
        Fixtures.register(tenant, id, other);
        String desired = "{\"state\":{\"desired\":{\"a\":1}}}";
        String reported = "{\"state\":{\"reported\":{\"a\":1}}}";

        given().contentType(ContentType.JSON)
                .body(desired)
                .patch(Fixtures.PATH, id)
                .then()
                .statusCode(401);
        given().get(Fixtures.PATH, id).then().statusCode(401);
        String noTenant = TestTokens.sign(TestTokens.claims("someone", null, "admin"));
        get(noTenant, id).then().statusCode(401);

        patch(TestTokens.user(tenant, "viewer"), id, desired).then().statusCode(403);
        patch(operator(tenant), id, reported).then().statusCode(403).contentType(PROBLEM);
        patch(TestTokens.user(tenant, "admin"), id, desired).then().statusCode(200);
        patch(device(tenant, id), id, desired).then().statusCode(403).contentType(PROBLEM);
        patch(device(tenant, id), id, "{\"state\":{\"desired\":{\"a\":2},\"reported\":{\"a\":2}}}")
                .then()
                .statusCode(403);
        patch(device(tenant, id), id, reported).then().statusCode(200).body("state.delta", equalTo(java.util.Map.of()));
        patch(device(tenant, other), id, reported).then().statusCode(403);
        get(device(tenant, other), id).then().statusCode(403);
        get(device(tenant, id), id).then().statusCode(200).body("version", equalTo(2));
        given().auth()
                .oauth2(device(tenant, id))
                .delete(Fixtures.PATH, id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.user(tenant, "viewer"))
                .delete(Fixtures.PATH, id)
                .then()
                .statusCode(403);
    }

    @Test
    void anotherTenantsDeviceIsNotFoundAndSameIdsStaySeparate() {
        String tenantA = Fixtures.tenant();
        String tenantB = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenantA, id);
        patch(operator(tenantA), id, "{\"state\":{\"desired\":{\"a\":1}}}")
                .then()
                .statusCode(200);

        get(operator(tenantB), id)
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo(Fixtures.UNKNOWN_DEVICE));
        patch(operator(tenantB), id, "{\"state\":{\"desired\":{\"a\":2}}}")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(operator(tenantB))
                .delete(Fixtures.PATH, id)
                .then()
                .statusCode(404);
        patch(device(tenantB, id), id, "{\"state\":{\"reported\":{\"a\":2}}}")
                .then()
                .statusCode(404);

        Fixtures.register(tenantB, id);
        patch(operator(tenantB), id, "{\"state\":{\"desired\":{\"b\":2}}}")
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("state.desired.a", equalTo(null));
        get(operator(tenantA), id)
                .then()
                .statusCode(200)
                .body("state.desired.a", equalTo(1))
                .body("version", equalTo(1));
    }

    // ------------------------------------------------------------------------------------------------ not found

    @Test
    void unknownDeviceAndMissingShadowAreBoth404() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        get(operator(tenant), id).then().statusCode(404).body("type", equalTo(Fixtures.UNKNOWN_DEVICE));
        Fixtures.register(tenant, id);
        get(operator(tenant), id).then().statusCode(404).contentType(PROBLEM).body("type", equalTo(Fixtures.NO_SHADOW));
        given().auth()
                .oauth2(operator(tenant))
                .delete(Fixtures.PATH, id)
                .then()
                .statusCode(404)
                .body("type", equalTo(Fixtures.NO_SHADOW));
    }

    // ------------------------------------------------------------------------------------------------ versions

    @Test
    void anUpdateForAnotherVersionIs409AndChangesNothing() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        patch(operator(tenant), id, "{\"state\":{\"desired\":{\"a\":1}},\"version\":0}")
                .then()
                .statusCode(200)
                .body("version", equalTo(1));
        patch(operator(tenant), id, "{\"state\":{\"desired\":{\"a\":2}},\"version\":0}")
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("currentVersion", equalTo(1));
        get(operator(tenant), id).then().body("version", equalTo(1)).body("state.desired.a", equalTo(1));
        patch(operator(tenant), id, "{\"state\":{\"desired\":{\"a\":3}},\"version\":1}")
                .then()
                .statusCode(200)
                .body("version", equalTo(2));
    }

    @Test
    void deletingKeepsTheVersionCounting() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        Fixtures.setDesired(tenant, id, "{\"a\":1}");
        Fixtures.setDesired(tenant, id, "{\"a\":2}");
        given().auth()
                .oauth2(operator(tenant))
                .queryParam("version", 1)
                .delete(Fixtures.PATH, id)
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(operator(tenant))
                .queryParam("version", 2)
                .delete(Fixtures.PATH, id)
                .then()
                .statusCode(200)
                .body("version", equalTo(3));
        get(operator(tenant), id).then().statusCode(404).body("type", equalTo(Fixtures.NO_SHADOW));
        patch(operator(tenant), id, "{\"state\":{\"desired\":{\"b\":1}}}")
                .then()
                .statusCode(200)
                .body("version", equalTo(4))
                .body("state.desired.a", equalTo(null));
    }

    // ------------------------------------------------------------------------------------------------ concurrency

    @Test
    void ofParallelUpdatesOfOneVersionExactlyOneWinsEachRound() throws Exception {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        String token = operator(tenant);
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 5; round++) {
                long version = round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    results.add(pool.submit(() -> {
                        go.await();
                        return patch(
                                        token,
                                        id,
                                        "{\"state\":{\"desired\":{\"winner\":" + writer + "}},\"version\":" + version
                                                + "}")
                                .statusCode();
                    }));
                }
                go.countDown();
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> result : results) {
                    codes.add(result.get());
                }
                assertThat(codes).as("round " + round).containsOnly(200, 409);
                assertThat(codes.stream().filter(c -> c == 200).count())
                        .as("winners of round " + round)
                        .isEqualTo(1);
                get(token, id).then().body("version", equalTo(round + 1));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelUpdatesWithoutVersionAreAllKept() throws Exception {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        String token = operator(tenant);
        int writers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Callable<Integer> call = () -> {
                    go.await();
                    return patch(token, id, "{\"state\":{\"desired\":{\"f" + writer + "\":" + writer + "}}}")
                            .statusCode();
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode doc =
                Fixtures.json(get(token, id).then().statusCode(200).extract().response());
        assertThat(doc.path("version").asLong()).isEqualTo(writers);
        for (int w = 0; w < writers; w++) {
            assertThat(doc.at("/state/desired/f" + w).asInt()).as("field f" + w).isEqualTo(w);
        }
    }

    @Test
    void parallelUpdatesOfManyShadowsShareScriptRunsAndEachIsApplied() throws Exception {
        String tenant = Fixtures.tenant();
        String[] ids = Stream.generate(Fixtures::deviceId).limit(8).toArray(String[]::new);
        Fixtures.register(tenant, ids);
        String token = operator(tenant);
        int writers = 16;
        int rounds = 10;
        double[] before = writeBatches();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                results.add(pool.submit(() -> {
                    go.await();
                    List<Integer> codes = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        String id = ids[(writer + round) % ids.length];
                        String body = "{\"state\":{\"desired\":{\"w" + writer + "\":" + round + "}}}";
                        codes.add(patch(token, id, body).statusCode());
                    }
                    return codes;
                }));
            }
            go.countDown();
            for (Future<List<Integer>> result : results) {
                assertThat(result.get()).containsOnly(200);
            }
        } finally {
            pool.shutdownNow();
        }
        double[] after = writeBatches();
        long versions = 0;
        for (int d = 0; d < ids.length; d++) {
            JsonNode doc = Fixtures.json(
                    get(token, ids[d]).then().statusCode(200).extract().response());
            versions += doc.path("version").asLong();
            for (int w = 0; w < writers; w++) {
                // A writer's updates are sequential: its last one to this shadow holds its field.
                int last = -1;
                for (int round = 0; round < rounds; round++) {
                    if ((w + round) % ids.length == d) {
                        last = round;
                    }
                }
                JsonNode field = doc.at("/state/desired/w" + w);
                assertThat(last < 0 ? field.isMissingNode() : field.asInt() == last)
                        .as("field w%d of %s: %s", w, ids[d], field)
                        .isTrue();
            }
        }
        assertThat(versions).as("updates applied").isEqualTo((long) writers * rounds);
        double writes = after[0] - before[0];
        double runs = after[1] - before[1];
        assertThat(writes).as("writes").isGreaterThanOrEqualTo(writers * rounds);
        assertThat(runs)
                .as("script runs (one at a time in tests: concurrent writes share them)")
                .isLessThan(writes);
    }

    /** {@code iotsphere_shadow_write_batch_writes}: writes and script runs so far. */
    private static double[] writeBatches() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        double[] sumAndCount = new double[2];
        for (String line : metrics.split("\n")) {
            if (line.startsWith("iotsphere_shadow_write_batch_writes_sum")) {
                sumAndCount[0] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("iotsphere_shadow_write_batch_writes_count")) {
                sumAndCount[1] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sumAndCount;
    }

    // ------------------------------------------------------------------------------------------------ bad input

    static Stream<Arguments> badUpdates() {
        String deep = "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":1}}}}}}}";
        return Stream.of(
                Arguments.of("not JSON", "{\"state\":"),
                Arguments.of("trailing garbage", "{\"state\":{\"desired\":{}}} x"),
                Arguments.of("an array", "[1]"),
                Arguments.of("no state", "{\"version\":1}"),
                Arguments.of("state not an object", "{\"state\":1}"),
                Arguments.of("state naming nothing", "{\"state\":{}}"),
                Arguments.of("delta set", "{\"state\":{\"delta\":{\"a\":1}}}"),
                Arguments.of("unknown section", "{\"state\":{\"wanted\":{\"a\":1}}}"),
                Arguments.of("unknown top-level field", "{\"state\":{\"desired\":{}},\"extra\":1}"),
                Arguments.of("desired not an object", "{\"state\":{\"desired\":[1]}}"),
                Arguments.of("negative version", "{\"state\":{\"desired\":{}},\"version\":-1}"),
                Arguments.of("decimal version", "{\"state\":{\"desired\":{}},\"version\":1.5}"),
                Arguments.of("text version", "{\"state\":{\"desired\":{}},\"version\":\"1\"}"),
                Arguments.of(
                        "client token too long",
                        "{\"state\":{\"desired\":{}},\"clientToken\":\"" + "x".repeat(65) + "\"}"),
                Arguments.of("client token not text", "{\"state\":{\"desired\":{}},\"clientToken\":1}"),
                Arguments.of("nested 7 levels", "{\"state\":{\"desired\":" + deep + "}}"),
                Arguments.of("duplicate keys", "{\"state\":{\"desired\":{\"a\":1,\"a\":2}}}"),
                Arguments.of("empty field name", "{\"state\":{\"desired\":{\"\":1}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUpdates")
    void refusesBadUpdatesWith400AndChangesNothing(String what, String body) {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        patch(operator(tenant), id, body)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("title", startsWith("Invalid"))
                .body("detail", org.hamcrest.Matchers.notNullValue());
        get(operator(tenant), id).then().statusCode(404).body("type", equalTo(Fixtures.NO_SHADOW));
    }

    @Test
    void refusesOversizedStateWith413() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        String half = "x".repeat(5000);
        patch(operator(tenant), id, "{\"state\":{\"desired\":{\"a\":\"" + half + "\"}}}")
                .then()
                .statusCode(200);
        patch(operator(tenant), id, "{\"state\":{\"desired\":{\"b\":\"" + half + "\"}}}")
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("detail", containsString("8192"));
        patch(operator(tenant), id, "{\"state\":{\"desired\":{\"c\":\"" + "y".repeat(40_000) + "\"}}}")
                .then()
                .statusCode(413)
                .contentType(PROBLEM);
        get(operator(tenant), id).then().body("version", equalTo(1)).body("state.desired.b", equalTo(null));
    }

    @Test
    void refusesBadDeviceIdsAndMediaTypes() {
        String tenant = Fixtures.tenant();
        given().auth()
                .oauth2(operator(tenant))
                .get(Fixtures.PATH, "bad id!")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(operator(tenant))
                .contentType(ContentType.TEXT)
                .body("{}")
                .patch(Fixtures.PATH, "wh-1")
                .then()
                .statusCode(415);
        given().auth()
                .oauth2(operator(tenant))
                .queryParam("version", -1)
                .delete(Fixtures.PATH, "wh-1")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
    }

    // ------------------------------------------------------------------------------------------------ events

    @Test
    void publishesShadowUpdatedWithPreviousCurrentAndDelta() {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        Fixtures.setDesired(tenant, id, "{\"t\":50}");
        patch(operator(tenant), id, "{\"state\":{\"desired\":{\"t\":55}},\"clientToken\":\"c-2\"}")
                .then()
                .statusCode(200);
        given().auth().oauth2(operator(tenant)).delete(Fixtures.PATH, id).then().statusCode(200);

        EventValidator validator = new EventValidator();
        ConsumerRecord<String, String> second = Fixtures.awaitRecord(
                Topics.SHADOW_CHANGES, tenant, id, e -> e.at("/data/version").asLong() == 2);
        JsonNode event = Fixtures.json(second.value());
        assertThat(validator.validate(second.value())).isEmpty();
        assertThat(second.key()).isEqualTo(id);
        assertThat(new String(second.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .startsWith("application/cloudevents+json");
        assertThat(event.path("type").asText()).isEqualTo(EventTypes.SHADOW_UPDATED);
        assertThat(event.at("/data/previous/desired/t").asInt()).isEqualTo(50);
        assertThat(event.at("/data/current/desired/t").asInt()).isEqualTo(55);
        assertThat(event.at("/data/delta/t").asInt()).isEqualTo(55);
        assertThat(event.at("/data/clientToken").asText()).isEqualTo("c-2");
        assertThat(event.at("/data/updatedBy").asText()).isEqualTo("operator@" + tenant);

        ConsumerRecord<String, String> first = Fixtures.awaitRecord(
                Topics.SHADOW_CHANGES, tenant, id, e -> e.at("/data/version").asLong() == 1);
        assertThat(Fixtures.json(first.value()).at("/data/previous").isNull()).isTrue();
        assertThat(validator.validate(first.value())).isEmpty();

        ConsumerRecord<String, String> deletion = Fixtures.awaitRecord(
                Topics.SHADOW_CHANGES, tenant, id, e -> e.at("/data/version").asLong() == 3);
        JsonNode deleted = Fixtures.json(deletion.value());
        assertThat(validator.validate(deletion.value())).isEmpty();
        assertThat(deleted.at("/data/current").isEmpty()).isTrue();
        assertThat(deleted.at("/data/previous/desired/t").asInt()).isEqualTo(55);
    }
}
