package io.iotsphere.shadow.repository;

import io.iotsphere.shadow.Problems;
import io.iotsphere.shadow.config.RedisKeys;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The shadows in Redis: one hash per known device ({@code type}, {@code version}, {@code doc}, {@code rev}, see
 * {@link RedisKeys}), written only through a compare-and-set Lua script that also appends the resulting event to the
 * outbox streams, so a write and its events happen together or not at all. Any Redis failure surfaces as a 503
 * problem.
 */
@ApplicationScoped
public class ShadowStore {

    public static final String KAFKA_OUTBOX = "kafka";
    public static final String MQTT_OUTBOX = "mqtt";

    private static final RedisScript WRITE = RedisScript.load("lua/write-shadow.lua");

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;

    public ShadowStore(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

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
     * What to write: see write-shadow.lua. {@code event} may be null (nothing to publish); {@code readRev} null when
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

    public Uni<Outcome> write(String tenant, String deviceId, Write write) {
        List<String> scriptKeys =
                List.of(keys.device(tenant, deviceId), keys.outbox(KAFKA_OUTBOX), keys.outbox(MQTT_OUTBOX));
        List<String> args = List.of(
                Long.toString(write.readVersion()),
                write.mode().arg,
                Long.toString(write.newVersion()),
                write.doc() == null ? "" : write.doc(),
                write.event() == null ? "" : write.event(),
                write.eventKey() == null ? "" : write.eventKey(),
                write.pushDelta() ? "1" : "0",
                tenant,
                deviceId,
                write.readRev() == null ? "" : write.readRev(),
                write.newRev());
        return WRITE.run(redis, scriptKeys, args)
                .map(ShadowStore::outcome)
                .onFailure(ShadowStore::isStoreFailure)
                .transform(Problems::storeUnavailable);
    }

    private static Outcome outcome(Response r) {
        long code = r.get(0).toLong();
        long version = r.get(1).toLong();
        if (code == 1) {
            return new Outcome(Status.WRITTEN, version);
        }
        return code == 0 ? new Outcome(Status.UNKNOWN_DEVICE, 0) : new Outcome(Status.CHANGED, version);
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
