package io.iotsphere.shadow.repository;

import io.iotsphere.shadow.Problems;
import io.iotsphere.shadow.config.RedisKeys;
import io.iotsphere.shadow.config.ShadowConfig;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The shadows in Redis: one hash per known device ({@code type}, {@code version}, {@code doc}, {@code rev}, see
 * {@link RedisKeys}), written only through a compare-and-set Lua script that also appends the resulting event to the
 * outbox streams, so a write and its events happen together or not at all. Any Redis failure surfaces as a 503
 * problem.
 *
 * <p>Writes are batched by group commit ({@link Batcher}): while {@code iotsphere.shadow.write-batch.max-in-flight}
 * script runs are under way, further writes queue, and go together in the next run (at most
 * {@code write-batch.max-writes}); each is still decided on its own. One run for many writes saves Redis and the
 * service a command, a round trip and a script start per write.
 */
@ApplicationScoped
public class ShadowStore {

    public static final String KAFKA_OUTBOX = "kafka";
    public static final String MQTT_OUTBOX = "mqtt";

    private static final RedisScript WRITE = RedisScript.load("lua/write-shadows.lua");

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final Batcher<Keyed, Result> writes;
    private final Duration writeTimeout;

    public ShadowStore(ReactiveRedisDataSource redis, RedisKeys keys, ShadowConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.keys = keys;
        this.writeTimeout = config.writeBatch().timeout();
        DistributionSummary batchSizes = DistributionSummary.builder("iotsphere.shadow.write.batch")
                .description("Shadow writes per Redis script run")
                .baseUnit("writes")
                .register(registry);
        this.writes = new Batcher<>(
                this::writeAll,
                config.writeBatch().maxWrites(),
                config.writeBatch().maxInFlight(),
                batchSizes::record);
    }

    /** A write and the device it is for. */
    private record Keyed(String tenant, String deviceId, Write write) {}

    /** How one write of a script run ended: an outcome, or Redis's error for that write alone. */
    private record Result(Outcome outcome, String error) {}

    /**
     * What is stored for a device: whether it is known, its shadow's version, document (null when none) and revision
     * (a random value every write sets; null for a shadow written before revisions were kept).
     */
    public record Snapshot(boolean known, long version, String doc, String rev) {}

    /** How a conditional write ended. */
    public record Outcome(Status status, long version) {}

    public enum Status {
        WRITTEN,
        UNKNOWN_DEVICE,
        CHANGED
    }

    /**
     * What to write: see write-shadows.lua. {@code event} may be null (nothing to publish); {@code readRev} null when
     * only the version is compared; {@code newRev} is the revision the write sets ({@link #newRevision()}).
     */
    public record Write(
            Mode mode,
            long readVersion,
            String readRev,
            long newVersion,
            String newRev,
            String doc,
            String eventKey,
            String event,
            boolean pushDelta) {}

    /** A fresh revision: 64 random bits. */
    public static String newRevision() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    public enum Mode {
        PUT("put"),
        DELETE("delete"),
        PURGE("purge");

        final String arg;

        Mode(String arg) {
            this.arg = arg;
        }
    }

    public Uni<Snapshot> read(String tenant, String deviceId) {
        return redis.execute("HMGET", keys.device(tenant, deviceId), "type", "version", "doc", "rev")
                .map(r -> new Snapshot(
                        r.get(0) != null,
                        r.get(1) == null ? 0 : r.get(1).toLong(),
                        r.get(2) == null ? null : r.get(2).toString(),
                        r.get(3) == null ? null : r.get(3).toString()))
                .onFailure(ShadowStore::isStoreFailure)
                .transform(Problems::storeUnavailable);
    }

    /** Writes if nobody else did since {@code write} was read (see write-shadows.lua); queued with other writes. */
    public Uni<Outcome> write(String tenant, String deviceId, Write write) {
        return writes.submit(new Keyed(tenant, deviceId, write))
                .map(result -> {
                    if (result.error() != null) {
                        throw new IllegalStateException(
                                "Redis refused the write of " + tenant + "/" + deviceId + ": " + result.error());
                    }
                    return result.outcome();
                })
                .onFailure(ShadowStore::isStoreFailure)
                .transform(Problems::storeUnavailable);
    }

    /** One script run for a batch of writes: one outcome for each, in their order. */
    private Uni<List<Result>> writeAll(List<Keyed> batch) {
        List<String> scriptKeys = new ArrayList<>(2 + batch.size());
        scriptKeys.add(keys.outbox(KAFKA_OUTBOX));
        scriptKeys.add(keys.outbox(MQTT_OUTBOX));
        List<String> args = new ArrayList<>(11 * batch.size());
        for (Keyed keyed : batch) {
            Write write = keyed.write();
            scriptKeys.add(keys.device(keyed.tenant(), keyed.deviceId()));
            args.add(Long.toString(write.readVersion()));
            args.add(write.readRev() == null ? "" : write.readRev());
            args.add(write.mode().arg);
            args.add(Long.toString(write.newVersion()));
            args.add(write.newRev());
            args.add(write.doc() == null ? "" : write.doc());
            args.add(write.event() == null ? "" : write.event());
            args.add(write.eventKey() == null ? "" : write.eventKey());
            args.add(write.pushDelta() ? "1" : "0");
            args.add(keyed.tenant());
            args.add(keyed.deviceId());
        }
        return WRITE.run(redis, scriptKeys, args)
                .ifNoItem()
                .after(writeTimeout)
                .failWith(() -> new IllegalStateException("no answer to a script run of " + batch.size()
                        + " writes within " + writeTimeout.toMillis() + " ms"))
                .map(ShadowStore::results);
    }

    private static List<Result> results(Response r) {
        List<Result> results = new ArrayList<>(r.size() / 2);
        for (int i = 0; i + 1 < r.size(); i += 2) {
            long code = r.get(i).toLong();
            Response value = r.get(i + 1);
            results.add(
                    switch ((int) code) {
                        case 1 -> new Result(new Outcome(Status.WRITTEN, value.toLong()), null);
                        case 0 -> new Result(new Outcome(Status.UNKNOWN_DEVICE, 0), null);
                        case -1 -> new Result(new Outcome(Status.CHANGED, value.toLong()), null);
                        default -> new Result(null, value.toString());
                    });
        }
        return results;
    }

    /** The device exists (from {@code device.registered}); idempotent, keeps an existing shadow. */
    public Uni<Void> register(String tenant, String deviceId, String deviceType) {
        return redis.execute("HSET", keys.device(tenant, deviceId), "type", deviceType)
                .replaceWithVoid()
                .onFailure(ShadowStore::isStoreFailure)
                .transform(Problems::storeUnavailable);
    }

    /** Queues a push of the device's whole delta over MQTT (the device came back online). */
    public Uni<Void> requestDeltaPush(String tenant, String deviceId) {
        return redis.execute("XADD", keys.outbox(MQTT_OUTBOX), "*", "tenant", tenant, "device", deviceId)
                .replaceWithVoid()
                .onFailure(ShadowStore::isStoreFailure)
                .transform(Problems::storeUnavailable);
    }

    static boolean isStoreFailure(Throwable failure) {
        return !(failure instanceof HttpProblem);
    }
}
