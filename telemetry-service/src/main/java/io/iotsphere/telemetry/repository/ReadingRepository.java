package io.iotsphere.telemetry.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** Writes readings: one multi-row INSERT per chunk, idempotent, with the late ones recorded for the rollups. */
@ApplicationScoped
public class ReadingRepository {

    /**
     * Rows of one statement, as parallel arrays: reading i is (keys[i], times[i]) with the metric slots and values
     * {@code slots[starts[i] .. ends[i]]} and {@code values[...]} (1-based, inclusive, as PostgreSQL slices).
     */
    public record Rows(
            Long[] keys, OffsetDateTime[] times, Integer[] starts, Integer[] ends, Short[] slots, Double[] values) {}

    /**
     * A reading whose device and time are stored already is not stored again; it only adds the metrics the stored
     * one lacks. Readings written before {@code boundary} (the hourly rollup's) are recorded in
     * {@code rollup_late_hours} so that the rollup folds them in.
     */
    static final String INSERT = """
            WITH ins AS (
                INSERT INTO telemetry AS t (device_key, ts, metrics, vals)
                SELECT r.k, r.ts, ($5::smallint[])[r.s:r.e], ($6::float8[])[r.s:r.e]
                FROM unnest($1::bigint[], $2::timestamptz[], $3::int[], $4::int[]) AS r(k, ts, s, e)
                ON CONFLICT (device_key, ts) DO UPDATE
                    SET (metrics, vals) = (SELECT m.metrics, m.vals
                                           FROM telemetry_merge(t.metrics, t.vals, EXCLUDED.metrics, EXCLUDED.vals) m)
                    WHERE NOT (EXCLUDED.metrics <@ t.metrics)
                RETURNING t.device_key, t.ts),
            late AS (
                INSERT INTO rollup_late_hours (device_key, bucket)
                SELECT DISTINCT device_key, date_trunc('hour', ts, 'UTC') FROM ins WHERE ts < $7
                ON CONFLICT DO NOTHING)
            SELECT count(*) FROM ins""";

    /**
     * Takes the hourly rollup's boundary for the transaction (shared lock: the rollup job moves it only between the
     * store's transactions, so a reading is either seen by the job or recorded as late).
     */
    public Uni<OffsetDateTime> lockBoundary(SqlConnection connection) {
        return connection
                .query("SELECT boundary FROM rollup_state WHERE level = 'hour' FOR SHARE")
                .execute()
                .map(rows -> rows.iterator().next().getOffsetDateTime(0));
    }

    /** Returns how many readings were written (new, or adding metrics to a stored one). */
    public Uni<Long> insert(SqlConnection connection, Rows rows, OffsetDateTime boundary) {
        return connection
                .preparedQuery(INSERT)
                .execute(Tuple.tuple()
                        .addValue(rows.keys())
                        .addValue(rows.times())
                        .addValue(rows.starts())
                        .addValue(rows.ends())
                        .addValue(rows.slots())
                        .addValue(rows.values())
                        .addOffsetDateTime(boundary))
                .map(result -> result.iterator().next().getLong(0));
    }
}
