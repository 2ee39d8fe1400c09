package io.iotsphere.shadow;

import static io.iotsphere.shadow.Fixtures.get;
import static io.iotsphere.shadow.Fixtures.operator;
import static io.iotsphere.shadow.Fixtures.patch;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.iotsphere.contracts.Topics;
import io.iotsphere.testsupport.JwtTestResource;
import io.iotsphere.testsupport.KafkaTestResource;
import io.iotsphere.testsupport.MqttTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Redis crashes (SIGKILL) and comes back: meanwhile the API answers 503 problems and readiness is DOWN; afterwards
 * every acknowledged update is still there (AOF), the version goes on, the Lua scripts are loaded again and the outbox
 * relay publishes again. Redis stops answering (SIGSTOP): a write fails with 503 after the write timeout instead of
 * waiting for ever. Runs against a Redis of its own, never the shared one.
 */
@QuarkusTest
@TestProfile(RedisRestartTest.OwnRedis.class)
class RedisRestartTest {

    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(ThrowawayRedis.class),
                    new TestResourceEntry(KafkaTestResource.class),
                    new TestResourceEntry(JwtTestResource.class),
                    new TestResourceEntry(MqttTestResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("iotsphere.shadow.write-batch.timeout", "1s");
        }
    }

    @Test
    void aWriteRedisDoesNotAnswerFailsWith503AfterTheTimeoutAndWritesGoOnAfterwards() throws Exception {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        Fixtures.setDesired(tenant, id, "{\"a\":1}");

        ThrowawayRedis.freeze();
        try {
            long started = System.nanoTime();
            // The shadow is remembered: the update needs no read, only its script run, which gets no answer.
            Response refused = CompletableFuture.supplyAsync(
                            () -> patch(operator(tenant), id, "{\"state\":{\"desired\":{\"b\":2}}}"))
                    .get(10, TimeUnit.SECONDS);
            assertStoreUnavailable(refused);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        } finally {
            ThrowawayRedis.thaw();
        }

        // A write that timed out may still be applied (Redis runs it when it resumes); the next ones go on.
        awaitAccepted(tenant, id, "{\"state\":{\"desired\":{\"c\":3}}}");
        get(operator(tenant), id)
                .then()
                .statusCode(200)
                .body("state.desired.a", equalTo(1))
                .body("state.desired.c", equalTo(3));
    }

    @Test
    void recoversEveryAcknowledgedUpdateAfterARedisCrash() throws Exception {
        String tenant = Fixtures.tenant();
        String id = Fixtures.deviceId();
        Fixtures.register(tenant, id);
        Fixtures.setDesired(tenant, id, "{\"a\":1}");
        Fixtures.setDesired(tenant, id, "{\"b\":2}");

        ThrowawayRedis.crash();
        assertStoreUnavailable(patch(operator(tenant), id, "{\"state\":{\"desired\":{\"c\":3}}}"));
        get(operator(tenant), id).then().statusCode(503);
        given().get("/q/health/ready").then().statusCode(503);

        ThrowawayRedis.startServer();
        awaitAccepted(tenant, id, "{\"state\":{\"desired\":{\"c\":3}}}");
        get(operator(tenant), id)
                .then()
                .statusCode(200)
                .body("state.desired.a", equalTo(1))
                .body("state.desired.b", equalTo(2))
                .body("state.desired.c", equalTo(3))
                .body("version", equalTo(3));
        Fixtures.awaitRecord(
                Topics.SHADOW_CHANGES, tenant, id, e -> e.at("/data/version").asLong() == 3);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static void assertStoreUnavailable(Response response) {
        response.then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:iotsphere:shadow:store-unavailable"));
    }

    /** Repeats the update until it is accepted (Redis is back and answering). */
    private static void awaitAccepted(String tenant, String id, String update) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> patch(operator(tenant), id, update).statusCode() == 200);
    }
}
