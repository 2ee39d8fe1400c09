package io.iotsphere.telemetry.service;

import io.iotsphere.telemetry.config.TelemetryConfig;
import io.iotsphere.telemetry.repository.PartitionRepository;
import io.iotsphere.telemetry.repository.RollupRepository;
import io.iotsphere.telemetry.repository.RollupRepository.State;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Maintains the hourly and daily rollups incrementally, the way continuous aggregates do: each closed hour is rolled
 * up once from the raw readings, each closed day from its hours, and late readings (recorded by the store) are folded
 * in by recomputing just their device's hour and day. Queries read the rollups up to where they are complete and the
 * finer level after that, so they never miss a reading; a late reading reaches the rollup on the next run.
 *
 * <p>One replica at a time does the work (a PostgreSQL advisory lock); every step is idempotent.
 */
@ApplicationScoped
public class RollupService {

    private static final Logger LOG = Logger.getLogger(RollupService.class);
    private static final int LOCK_CLASS = 74657;
    private static final int LOCK_ROLLUP = 1;
    private static final int LATE_CHUNK = 5000;
    /** Days rolled up by one run at most (after a long stop; each is a day of hourly rows of every device). */
    private static final int MAX_DAYS_PER_RUN = 7;

    @Inject
    Pool pool;

    @Inject
    RollupRepository repository;

    @Inject
    PartitionRepository partitions;

    @Inject
    TelemetryConfig config;

    @Inject
    TelemetryMetrics metrics;

    private volatile Map<String, State> states;

    /** Where the rollups are complete, as last seen (at most a few seconds old; never ahead of the database). */
    public Uni<Map<String, State>> states() {
        Map<String, State> known = states;
        return known != null ? Uni.createFrom().item(known) : refreshStates();
    }

    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return refreshStates().replaceWithVoid().onFailure().recoverWithNull();
    }

    private Uni<Map<String, State>> refreshStates() {
        return repository.states().invoke(found -> {
            states = found;
            State hour = found.get(RollupRepository.HOUR);
            metrics.rollupLag(Duration.between(hour.materialized().plusHours(1), OffsetDateTime.now()));
        });
    }

    @Scheduled(
            every = "${telemetry.rollup.interval}",
            delayed = "${telemetry.rollup.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().onFailure()
                .invoke(failure -> LOG.warnf("rollup run failed (next run retries): %s", failure.toString()))
                .onFailure()
                .recoverWithNull();
    }

    /** One run: closed hours, late hours, closed days, late days. Does nothing when another replica is running. */
    public Uni<Void> run() {
        return pool.withConnection(connection -> connection
                        .preparedQuery("SELECT pg_try_advisory_lock($1, $2)")
                        .execute(Tuple.of(LOCK_CLASS, LOCK_ROLLUP))
                        .chain(rows -> {
                            if (!rows.iterator().next().getBoolean(0)) {
                                return Uni.createFrom().voidItem();
                            }
                            return hours(connection, 0)
                                    .chain(() -> lateHours(connection, 0))
                                    .chain(() -> days(connection, 0))
                                    .chain(() -> lateDays(connection, 0))
                                    .eventually(() -> connection
                                            .preparedQuery("SELECT pg_advisory_unlock($1, $2)")
                                            .execute(Tuple.of(LOCK_CLASS, LOCK_ROLLUP)));
                        }))
                .chain(this::refreshStates)
                .replaceWithVoid();
    }

    private Uni<Void> hours(SqlConnection connection, int done) {
        if (done >= config.rollup().maxHoursPerRun()) {
            return Uni.createFrom().voidItem();
        }
        return repository.states(connection).chain(found -> {
            OffsetDateTime hour = found.get(RollupRepository.HOUR).materialized();
            OffsetDateTime end = hour.plusHours(1);
            if (end.plus(config.rollup().grace()).isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
                return Uni.createFrom().voidItem();
            }
            return partitions
                    .ensureRollupMonth(hour.toLocalDate())
                    // First (own transaction): readings of this hour stored from now on are late and recorded.
                    .chain(() -> repository.advanceBoundary(connection, RollupRepository.HOUR, end))
                    // Then: everything stored before is rolled up, and the hour marked complete, together.
                    .chain(() -> inTransaction(
                            connection,
                            tx -> repository
                                    .rollUpHour(tx, hour)
                                    .chain(() -> repository.advanceMaterialized(tx, RollupRepository.HOUR, end))))
                    .chain(() -> hours(connection, done + 1));
        });
    }

    private Uni<Void> lateHours(SqlConnection connection, int done) {
        if (done >= config.rollup().maxLatePerRun()) {
            return Uni.createFrom().voidItem();
        }
        return repository
                .states(connection)
                .chain(found -> inTransaction(
                                connection,
                                tx -> repository.foldLateHours(
                                        tx,
                                        LATE_CHUNK,
                                        found.get(RollupRepository.DAY).materialized()))
                        .chain(taken -> taken < LATE_CHUNK
                                ? Uni.createFrom().voidItem()
                                : lateHours(connection, done + taken)));
    }

    private Uni<Void> days(SqlConnection connection, int done) {
        if (done >= MAX_DAYS_PER_RUN) {
            return Uni.createFrom().voidItem();
        }
        return repository.states(connection).chain(found -> {
            OffsetDateTime day = found.get(RollupRepository.DAY).materialized();
            OffsetDateTime end = day.plusDays(1);
            if (end.isAfter(found.get(RollupRepository.HOUR).materialized())) {
                return Uni.createFrom().voidItem();
            }
            return partitions
                    .ensureRollupMonth(day.toLocalDate())
                    .chain(() -> inTransaction(
                            connection,
                            tx -> repository
                                    .rollUpDay(tx, day)
                                    .chain(() -> repository.advanceMaterialized(tx, RollupRepository.DAY, end))
                                    .chain(() -> repository.advanceBoundary(tx, RollupRepository.DAY, end))))
                    .chain(() -> days(connection, done + 1));
        });
    }

    private Uni<Void> lateDays(SqlConnection connection, int done) {
        if (done >= config.rollup().maxLatePerRun()) {
            return Uni.createFrom().voidItem();
        }
        return inTransaction(connection, tx -> repository.foldLateDays(tx, LATE_CHUNK))
                .chain(taken -> taken < LATE_CHUNK ? Uni.createFrom().voidItem() : lateDays(connection, done + taken));
    }

    private static <T> Uni<T> inTransaction(SqlConnection connection, Function<SqlConnection, Uni<T>> work) {
        return connection
                .begin()
                .chain(tx -> work.apply(connection).call(tx::commit).onFailure().call(tx::rollback));
    }
}
