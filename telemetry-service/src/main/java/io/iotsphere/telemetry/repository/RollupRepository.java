package io.iotsphere.telemetry.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * The hourly and daily rollups: per (metric, device, bucket) count, sum, min, max and last value. Hours are rolled up
 * from the raw readings once closed, days from their hours; late readings are folded in by recomputing their (device,
 * bucket) from the level below.
 */
@ApplicationScoped
public class RollupRepository {

    public static final String HOUR = "hour";
    public static final String DAY = "day";

    /** Where a level stands: readings before {@code boundary} are late; everything before {@code materialized} is in. */
    public record State(OffsetDateTime boundary, OffsetDateTime materialized) {}

    /** The aggregate columns, the last value being the one of the latest timestamp. */
    private static final String UPSERT =
            " ON CONFLICT (slot, device_key, bucket) DO UPDATE SET n = EXCLUDED.n, total = EXCLUDED.total,"
                    + " lo = EXCLUDED.lo, hi = EXCLUDED.hi, last_ts = EXCLUDED.last_ts, last = EXCLUDED.last";

    private static final String FROM_RAW = " count(*), sum(x.val), min(x.val), max(x.val), max(t.ts),"
            + " (max(ARRAY[extract(epoch FROM t.ts)::float8, x.val]))[2]"
            + " FROM %s CROSS JOIN LATERAL unnest(t.metrics, t.vals) AS x(slot, val)";

    private static final String FROM_HOURS = " sum(h.n), sum(h.total), min(h.lo), max(h.hi), max(h.last_ts),"
            + " (max(ARRAY[extract(epoch FROM h.last_ts)::float8, h.last]))[2] FROM %s";

    @Inject
    Pool pool;

    public Uni<Map<String, State>> states(SqlClient client) {
        return client.query("SELECT level, boundary, materialized FROM rollup_state")
                .execute()
                .map(rows -> {
                    Map<String, State> states = new HashMap<>();
                    for (Row row : rows) {
                        states.put(
                                row.getString("level"),
                                new State(row.getOffsetDateTime("boundary"), row.getOffsetDateTime("materialized")));
                    }
                    return states;
                });
    }

    public Uni<Map<String, State>> states() {
        return states(pool);
    }

    /** From now on, readings before {@code to} count as late (waits for the store's transactions in progress). */
    public Uni<Void> advanceBoundary(SqlClient client, String level, OffsetDateTime to) {
        return client.preparedQuery("UPDATE rollup_state SET boundary = greatest(boundary, $2) WHERE level = $1")
                .execute(Tuple.of(level, to))
                .replaceWithVoid();
    }

    public Uni<Void> advanceMaterialized(SqlClient client, String level, OffsetDateTime to) {
        return client.preparedQuery(
                        "UPDATE rollup_state SET materialized = greatest(materialized, $2) WHERE level = $1")
                .execute(Tuple.of(level, to))
                .replaceWithVoid();
    }

    /** Rolls up one hour of raw readings of every device; returns the rollup rows written. */
    public Uni<Integer> rollUpHour(SqlClient client, OffsetDateTime hour) {
        String sql = "INSERT INTO telemetry_hourly (slot, device_key, bucket, n, total, lo, hi, last_ts, last)"
                + " SELECT x.slot, t.device_key, $1::timestamptz," + FROM_RAW.formatted("telemetry t")
                + " WHERE t.ts >= $1 AND t.ts < $2 GROUP BY x.slot, t.device_key" + UPSERT;
        return client.preparedQuery(sql)
                .execute(Tuple.of(hour, hour.plusHours(1)))
                .map(rows -> rows.rowCount());
    }

    /** Rolls up one day of hours of every device; returns the rollup rows written. */
    public Uni<Integer> rollUpDay(SqlClient client, OffsetDateTime day) {
        String sql = "INSERT INTO telemetry_daily (slot, device_key, bucket, n, total, lo, hi, last_ts, last)"
                + " SELECT h.slot, h.device_key, $1::timestamptz," + FROM_HOURS.formatted("telemetry_hourly h")
                + " WHERE h.bucket >= $1 AND h.bucket < $2 GROUP BY h.slot, h.device_key" + UPSERT;
        return client.preparedQuery(sql).execute(Tuple.of(day, day.plusDays(1))).map(rows -> rows.rowCount());
    }

    /**
     * Folds in late readings: takes up to {@code limit} recorded (device, hour) pairs, recomputes them from the raw
     * readings, and records their days as late for the daily rollup when those are rolled up already. Returns the
     * pairs taken.
     */
    public Uni<Integer> foldLateHours(SqlClient client, int limit, OffsetDateTime daysMaterialized) {
        String sql = "WITH late AS (DELETE FROM rollup_late_hours WHERE ctid IN"
                + " (SELECT ctid FROM rollup_late_hours ORDER BY bucket LIMIT $1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING device_key, bucket),"
                + " days AS (INSERT INTO rollup_late_days (device_key, bucket)"
                + " SELECT DISTINCT device_key, date_trunc('day', bucket, 'UTC') FROM late WHERE bucket < $2"
                + " ON CONFLICT DO NOTHING),"
                + " folded AS (INSERT INTO telemetry_hourly (slot, device_key, bucket, n, total, lo, hi, last_ts, last)"
                + " SELECT x.slot, l.device_key, l.bucket,"
                + FROM_RAW.formatted("late l JOIN telemetry t ON t.device_key = l.device_key AND t.ts >= l.bucket"
                        + " AND t.ts < l.bucket + interval '1 hour'")
                + " GROUP BY x.slot, l.device_key, l.bucket" + UPSERT + ")"
                + " SELECT count(*) FROM late";
        return client.preparedQuery(sql)
                .execute(Tuple.of(limit, daysMaterialized))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /** Folds late hours into the daily rollup: recomputes up to {@code limit} recorded (device, day) pairs. */
    public Uni<Integer> foldLateDays(SqlClient client, int limit) {
        String sql = "WITH late AS (DELETE FROM rollup_late_days WHERE ctid IN"
                + " (SELECT ctid FROM rollup_late_days ORDER BY bucket LIMIT $1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING device_key, bucket),"
                + " folded AS (INSERT INTO telemetry_daily (slot, device_key, bucket, n, total, lo, hi, last_ts, last)"
                + " SELECT h.slot, l.device_key, l.bucket,"
                + FROM_HOURS.formatted("late l JOIN telemetry_hourly h ON h.device_key = l.device_key"
                        + " AND h.bucket >= l.bucket AND h.bucket < l.bucket + interval '1 day'")
                + " GROUP BY h.slot, l.device_key, l.bucket" + UPSERT + ")"
                + " SELECT count(*) FROM late";
        return client.preparedQuery(sql)
                .execute(Tuple.of(limit))
                .map(rows -> rows.iterator().next().getInteger(0));
    }
}
