package io.iotsphere.outbox;

import io.iotsphere.commons.messaging.EventCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in the order they were written, then deletes them, in one transaction per round. A
 * PostgreSQL advisory lock lets a single replica relay at a time, so events of one key are never reordered. A round
 * that fails (Kafka away) rolls back and is retried: events may be published twice, never lost; consumers dedupe by
 * event id. Runs every {@code iotsphere.outbox.poll-interval} and whenever {@link #wakeUp()} is called.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** Advisory lock key: one relay per database ("iotsphere-outbox" hashed once). */
    private static final long LOCK = 0x696f74_6f7574L;

    private static final String SELECT =
            "SELECT id, topic, event_key, payload FROM iotsphere_outbox ORDER BY id LIMIT $1 FOR UPDATE";

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    OutboxConfig config;

    @Inject
    @Channel("outbox")
    MutinyEmitter<String> emitter;

    @Inject
    MeterRegistry registry;

    /** Prefix of every topic name (the test runs' topic copies; empty in production). */
    @ConfigProperty(name = "iotsphere.kafka.topic-prefix")
    Optional<String> topicPrefix;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;
    private Counter published;
    private Counter failures;

    void start(@Observes StartupEvent event) {
        published = Counter.builder("iotsphere_outbox_events_published_total")
                .description("Events relayed from the transactional outbox to Kafka")
                .register(registry);
        failures = Counter.builder("iotsphere_outbox_relay_failures_total")
                .description("Relay rounds that failed and will be retried")
                .register(registry);
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wakeUp());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Runs a round now, or right after the one in progress. */
    public void wakeUp() {
        if (stopped) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        relayOnce().subscribe().with(count -> finished(count > 0), failure -> {
            failures.increment();
            LOG.warnf("outbox relay round failed, will retry: %s", failure.getMessage());
            finished(false);
        });
    }

    private void finished(boolean more) {
        running.set(false);
        if (more || again.getAndSet(false)) {
            wakeUp();
        }
    }

    /** One round: publishes up to a batch of events; emits how many were published. */
    Uni<Integer> relayOnce() {
        return pool.withTransaction(connection -> lock(connection).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(0);
            }
            return connection
                    .preparedQuery(SELECT)
                    .execute(Tuple.of(config.batchSize()))
                    .chain(rows -> {
                        List<Long> ids = new ArrayList<>();
                        List<Uni<Void>> sends = new ArrayList<>();
                        for (Row row : rows) {
                            ids.add(row.getLong("id"));
                            sends.add(send(row));
                        }
                        if (ids.isEmpty()) {
                            return Uni.createFrom().item(0);
                        }
                        return Uni.join()
                                .all(sends)
                                .andFailFast()
                                .chain(() -> connection
                                        .preparedQuery("DELETE FROM iotsphere_outbox WHERE id = ANY($1)")
                                        .execute(Tuple.of(ids.toArray(new Long[0]))))
                                .invoke(() -> published.increment(ids.size()))
                                .replaceWith(ids.size());
                    });
        }));
    }

    private static Uni<Boolean> lock(SqlConnection connection) {
        return connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(LOCK))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    private Uni<Void> send(Row row) {
        String topic = topicPrefix.orElse("") + row.getString("topic");
        Message<String> message = Message.of(row.getString("payload"))
                .addMetadata(EventCodec.metadata(row.getString("event_key"), topic));
        return emitter.sendMessage(message);
    }
}
