package io.iotsphere.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsphere.shadow.config.RedisKeys;
import io.iotsphere.shadow.repository.ShadowStore;
import io.iotsphere.shadow.repository.ShadowStore.Mode;
import io.iotsphere.shadow.repository.ShadowStore.Outcome;
import io.iotsphere.shadow.repository.ShadowStore.Status;
import io.iotsphere.shadow.repository.ShadowStore.Write;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Writes queued together go to Redis in one script run (tests run one at a time: {@code write-batch.max-in-flight=1}),
 * and each is decided on its own: one refused, or failing on a key that is not a shadow (or a version that is not a
 * number), changes nothing for the others.
 */
@QuarkusTest
class ShadowStoreTest {

    @Inject
    ShadowStore store;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    MeterRegistry registry;

    @Test
    void writesOfOneScriptRunAreEachDecidedOnTheirOwn() {
        String tenant = Fixtures.tenant();
        String[] ids = Stream.generate(Fixtures::deviceId).limit(6).toArray(String[]::new);
        String first = ids[0];
        String notAHash = ids[1];
        String elsewhere = ids[2];
        String unknown = ids[3];
        String fresh = ids[4];
        String badVersion = ids[5];
        for (String id : List.of(first, elsewhere, fresh, badVersion)) {
            redis.hash(String.class).hset(keys.device(tenant, id), Map.of("type", "water-heater"));
        }
        redis.hash(String.class).hset(keys.device(tenant, elsewhere), Map.of("version", "5", "rev", "r5"));
        redis.hash(String.class).hset(keys.device(tenant, badVersion), Map.of("version", "five"));
        redis.value(String.class).set(keys.device(tenant, notAHash), "left here by hand");
        Duration wait = Duration.ofSeconds(10);
        assertThat(store.read(tenant, first).await().atMost(wait).doc()).isNull();
        DistributionSummary runs = registry.get("iotsphere.shadow.write.batch").summary();
        long runsBefore = runs.count();
        double writesBefore = runs.totalAmount();

        // The first goes alone; the others queue meanwhile and go together in the next run.
        List<UniAssertSubscriber<Outcome>> results = Stream.of(
                        put(tenant, first, 0),
                        put(tenant, notAHash, 0),
                        put(tenant, elsewhere, 0),
                        put(tenant, badVersion, 0),
                        put(tenant, unknown, 0),
                        put(tenant, first, 0),
                        put(tenant, fresh, 0))
                .map(write -> write.subscribe().withSubscriber(UniAssertSubscriber.<Outcome>create()))
                .toList();
        results.get(0).awaitItem(wait).assertItem(new Outcome(Status.WRITTEN, 1));
        assertFailed(results.get(1).awaitFailure(wait).getFailure(), "WRONGTYPE");
        results.get(2).awaitItem(wait).assertItem(new Outcome(Status.CHANGED, 5));
        assertFailed(results.get(3).awaitFailure(wait).getFailure(), "the version field is not a number");
        results.get(4).awaitItem(wait).assertItem(new Outcome(Status.UNKNOWN_DEVICE, 0));
        results.get(5).awaitItem(wait).assertItem(new Outcome(Status.CHANGED, 1));
        results.get(6).awaitItem(wait).assertItem(new Outcome(Status.WRITTEN, 1));

        // Writes of other tests may run meanwhile, each in a run at most; these 7 took 2.
        long runsTaken = runs.count() - runsBefore;
        long otherWrites = Math.round(runs.totalAmount() - writesBefore) - results.size();
        assertThat(runsTaken).as("script runs (%d other writes)", otherWrites).isLessThanOrEqualTo(2 + otherWrites);

        assertThat(redis.hash(String.class).hget(keys.device(tenant, fresh), "doc"))
                .isEqualTo("{\"v\":\"" + fresh + "\"}");
        assertThat(redis.hash(String.class).hget(keys.device(tenant, elsewhere), "doc"))
                .isNull();
        assertThat(redis.value(String.class).get(keys.device(tenant, notAHash))).isEqualTo("left here by hand");
    }

    private static void assertFailed(Throwable failure, String reason) {
        assertThat(Problems.is(failure, Problems.STORE_UNAVAILABLE))
                .as("%s", failure)
                .isTrue();
        assertThat(((HttpProblem) failure).getDetail()).contains(reason);
    }

    private Uni<Outcome> put(String tenant, String id, long readVersion) {
        Write write = new Write(
                Mode.PUT,
                readVersion,
                null,
                readVersion + 1,
                ShadowStore.newRevision(),
                "{\"v\":\"" + id + "\"}",
                id,
                null,
                false);
        return store.write(tenant, id, write);
    }
}
