package io.iotsphere.shadow.messaging;

import io.iotsphere.shadow.config.RedisKeys;
import io.iotsphere.shadow.config.ShadowConfig;
import io.iotsphere.shadow.repository.RedisScript;
import io.iotsphere.shadow.service.ShadowMetrics;
import io.micrometer.core.instrument.Gauge;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Relays one outbox stream (entries appended by the same Lua script that wrote the shadow) to where it must go, in
 * order: reads a batch, delivers it, and deletes the entries only once delivery is confirmed, so an entry is delivered
 * at least once whatever fails in between (duplicates carry the same event id). One instance relays at a time, holding
 * a lease in Redis that another instance takes over when it stops renewing. While a dependency is unreachable the
 * relay retries with a growing pause and the entries wait in Redis.
 */
public abstract class OutboxRelay {

    private static final RedisScript LEASE = RedisScript.load("lua/renew-lease.lua");
    private static final long FIRST_BACKOFF_MS = 100;

    private final Logger log = Logger.getLogger(getClass());
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong pending = new AtomicLong();

    protected final ReactiveRedisDataSource redis;
    protected final RedisKeys keys;
    protected final ShadowConfig config;
    protected final ShadowMetrics metrics;
    private final Vertx vertx;
    private final ReactiveStreamCommands<String, String, String> streams;

    private volatile boolean running;
    private volatile boolean failing;
    private long backoffMs;
    private boolean leader;
    private long renewedAt;
    private long gaugeTimer = -1;

    protected OutboxRelay(
            ReactiveRedisDataSource redis, RedisKeys keys, ShadowConfig config, ShadowMetrics metrics, Vertx vertx) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.metrics = metrics;
        this.vertx = vertx;
        this.streams = redis.stream(String.class);
    }

    /** The outbox's name: {@code kafka} or {@code mqtt}. */
    protected abstract String name();

    /** Delivers a batch, in order; completes once every entry is confirmed, fails if any is not. */
    protected abstract Uni<Void> deliver(List<StreamMessage<String, String, String>> entries);

    protected void start() {
        running = true;
        Gauge.builder("iotsphere.shadow.outbox.pending", pending, AtomicLong::get)
                .description("Outbox entries not yet delivered (sampled every 5 s)")
                .tag("outbox", name())
                .register(metrics.registry());
        gaugeTimer = vertx.setPeriodic(5000, id -> sample());
        vertx.runOnContext(v -> round());
    }

    protected void stop() {
        running = false;
        if (gaugeTimer >= 0) {
            vertx.cancelTimer(gaugeTimer);
        }
    }

    private void sample() {
        redis.stream(String.class).xlen(keys.outbox(name())).subscribe().with(pending::set, failure -> {});
    }

    private void round() {
        if (!running) {
            return;
        }
        lease().chain(held -> held ? relayBatch() : Uni.createFrom().item(-1))
                .subscribe()
                .with(
                        relayed -> {
                            if (failing) {
                                log.infof("%s outbox relay: delivering again", name());
                                failing = false;
                            }
                            backoffMs = 0;
                            // Not the leader: look again within the lease, so a take-over is quick. Empty: poll.
                            if (relayed < 0) {
                                next(config.outbox().lease().toMillis() / 3);
                            } else {
                                next(
                                        relayed == 0
                                                ? config.outbox().pollInterval().toMillis()
                                                : 0);
                            }
                        },
                        failure -> {
                            if (!running) {
                                return;
                            }
                            if (!failing) {
                                log.warnf("%s outbox relay: %s; entries wait in Redis, retrying", name(), failure);
                                failing = true;
                            }
                            backoffMs = Math.min(
                                    backoffMs == 0 ? FIRST_BACKOFF_MS : backoffMs * 2,
                                    config.outbox().maxBackoff().toMillis());
                            next(backoffMs);
                        });
    }

    /** Takes or renews the lease, at most every third of its time to live while this instance holds it. */
    private Uni<Boolean> lease() {
        long now = System.currentTimeMillis();
        long ttl = config.outbox().lease().toMillis();
        if (leader && now - renewedAt < ttl / 3) {
            return Uni.createFrom().item(true);
        }
        return LEASE.run(redis, List.of(keys.lease(name())), List.of(instance, Long.toString(ttl)))
                .map(held -> {
                    leader = held.toInteger() == 1;
                    renewedAt = now;
                    return leader;
                })
                .onFailure()
                .invoke(() -> leader = false);
    }

    /**
     * One batch: read, deliver, delete; emits how many were relayed. The read does not block: the Redis client shares
     * its connections between concurrent commands, and a blocking read would hold up every command queued behind it.
     */
    private Uni<Integer> relayBatch() {
        XReadArgs args = new XReadArgs().count(config.outbox().batchSize());
        return streams.xread(keys.outbox(name()), "0-0", args).chain(entries -> {
            if (entries == null || entries.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            String[] ids = entries.stream().map(StreamMessage::id).toArray(String[]::new);
            return deliver(entries)
                    .chain(() -> streams.xdel(keys.outbox(name()), ids))
                    .invoke(() -> metrics.relayed(name(), ids.length))
                    .replaceWith(ids.length);
        });
    }

    private void next(long delayMs) {
        if (!running) {
            return;
        }
        if (delayMs <= 0) {
            vertx.runOnContext(v -> round());
        } else {
            vertx.setTimer(delayMs, id -> round());
        }
    }
}
