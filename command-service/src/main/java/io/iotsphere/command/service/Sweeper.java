package io.iotsphere.command.service;

import io.iotsphere.command.Command;
import io.iotsphere.command.config.CommandConfig;
import io.iotsphere.commons.persistence.TenantKey;
import io.iotsphere.contracts.command.CommandStatus;
import io.iotsphere.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What moves commands when nobody else does, every {@code iotsphere.command.sweep-interval}: attempts in flight past
 * their deadline time out (and fail once their retries are used up), undelivered commands past {@code expiresAt}
 * expire, and whatever waits for an online device (QUEUED, or TIMED_OUT with retries left) is sent. Everything it
 * needs is in the database, so after a restart (or a crash) commands resume where they were: none stays SENT past its
 * deadline. Replicas sweep side by side: rows one of them holds are skipped by the others.
 */
@ApplicationScoped
public class Sweeper {

    private static final Logger LOG = Logger.getLogger(Sweeper.class);

    private static final String WAITING_FOR_ONLINE_DEVICES = """
            SELECT DISTINCT c.tenant, c.device_id FROM commands c
            JOIN devices d ON d.tenant = c.tenant AND d.id = c.device_id
            WHERE c.status IN ('QUEUED', 'TIMED_OUT') AND d.online AND NOT d.decommissioned
            LIMIT $1
            """;

    @Inject
    CommandConfig config;

    @Inject
    Transitions transitions;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    @Scheduled(
            every = "${iotsphere.command.sweep-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return sweepOnce()
                .onFailure()
                .invoke(failure -> LOG.warnf("command sweep failed, next one retries: %s", failure.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** One sweep; emits how many commands it moved. */
    public Uni<Integer> sweepOnce() {
        return timeouts()
                .chain(timedOut -> expiries().map(expired -> timedOut + expired))
                .chain(moved -> dispatchWaiting().map(sent -> moved + sent))
                .invoke(moved -> {
                    if (moved > 0) {
                        outbox.flushSoon();
                    }
                });
    }

    /** Attempts past their deadline: TIMED_OUT, and FAILED at once when no retry is left. */
    Uni<Integer> timeouts() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> lockedBatch(
                        "deadline <= :now ORDER BY deadline", List.of(CommandStatus.SENT, CommandStatus.DELIVERED), now)
                .chain(due -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Command c : due) {
                        chain = chain.chain(() -> timeOut(c, now));
                    }
                    return chain.replaceWith(due.size());
                }));
    }

    private Uni<Void> timeOut(Command c, Instant now) {
        String why = "no answer within " + c.timeoutSeconds + " s (attempt " + c.attempt + ")";
        return transitions.apply(c, CommandStatus.TIMED_OUT, why, now).chain(() -> {
            if (c.retriesLeft() && !c.expired(now)) {
                return Uni.createFrom().voidItem();
            }
            if (c.expired(now)) {
                return transitions.apply(c, CommandStatus.EXPIRED, "not delivered before " + c.expiresAt, now);
            }
            return transitions.apply(c, CommandStatus.FAILED, "no answer after " + c.attempt + " attempt(s)", now);
        });
    }

    /** Commands not delivered before {@code expiresAt}: EXPIRED. */
    Uni<Integer> expiries() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> lockedBatch(
                        "expires_at <= :now ORDER BY expires_at",
                        List.of(CommandStatus.QUEUED, CommandStatus.SENT, CommandStatus.TIMED_OUT),
                        now)
                .chain(due -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Command c : due) {
                        chain = chain.chain(() -> transitions.apply(
                                c, CommandStatus.EXPIRED, "not delivered before " + c.expiresAt, now));
                    }
                    return chain.replaceWith(due.size());
                }));
    }

    /** A batch of the commands matching the condition, locked; rows another replica holds are skipped. */
    private Uni<List<Command>> lockedBatch(String condition, List<CommandStatus> statuses, Instant now) {
        String sql = "SELECT * FROM commands WHERE status IN (:statuses) AND " + condition
                + " LIMIT :limit FOR UPDATE SKIP LOCKED";
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(sql, Command.class)
                        .setParameter(
                                "statuses", statuses.stream().map(Enum::name).toList())
                        .setParameter("now", now)
                        .setParameter("limit", config.sweepBatch())
                        .getResultList());
    }

    /** Devices online with commands waiting (a restart, a retry, a missed presence change): sends them, in order. */
    Uni<Integer> dispatchWaiting() {
        return pool.preparedQuery(WAITING_FOR_ONLINE_DEVICES)
                .execute(Tuple.of(config.sweepBatch()))
                .chain(rows -> {
                    List<TenantKey> devices = new ArrayList<>();
                    for (Row row : rows) {
                        devices.add(new TenantKey(row.getString("tenant"), row.getString("device_id")));
                    }
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (TenantKey key : devices) {
                        chain = chain.chain(sent -> dispatcher.dispatch(key).map(s -> sent + s));
                    }
                    return chain;
                });
    }
}
