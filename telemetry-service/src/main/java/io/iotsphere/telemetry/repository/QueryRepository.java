package io.iotsphere.telemetry.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads readings and rollups for the query API. */
@ApplicationScoped
public class QueryRepository {

    /** Where a query reads one time range from: the raw readings, or a rollup table. */
    public enum Source {
        RAW(null),
        HOURLY("telemetry_hourly"),
        DAILY("telemetry_daily");

        private final String table;

        Source(String table) {
            this.table = table;
        }
    }

    /** A time range [from, to) read from one source. */
    public record Segment(Source source, Instant from, Instant to) {}

    /** One bucket of an aggregated series: partial aggregates, combined into avg/min/max/sum/count by the caller. */
    public record Bucket(Instant ts, long count, double sum, double min, double max, long devices) {}

    public record Point(Instant ts, double value) {}

    public record Latest(short slot, Instant ts, double value) {}

    @Inject
    Pool pool;

    /**
     * Aggregates the metric slots of the devices in buckets of {@code intervalSeconds} (aligned on the Unix epoch,
     * UTC), each segment from its source.
     */
    public Uni<List<Bucket>> aggregate(
            List<Long> deviceKeys, List<Short> slots, long intervalSeconds, List<Segment> segments) {
        if (segments.isEmpty() || deviceKeys.isEmpty() || slots.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple params = Tuple.tuple()
                .addLong(intervalSeconds)
                .addValue(slots.toArray(Short[]::new))
                .addValue(deviceKeys.toArray(Long[]::new));
        StringBuilder union = new StringBuilder();
        int p = 4;
        for (Segment segment : segments) {
            if (!union.isEmpty()) {
                union.append(" UNION ALL ");
            }
            if (segment.source() == Source.RAW) {
                union.append("SELECT t.ts AS t, t.device_key, 1::bigint AS n, x.val AS total, x.val AS lo, x.val AS hi"
                                + " FROM telemetry t CROSS JOIN LATERAL unnest(t.metrics, t.vals) AS x(slot, val)"
                                + " WHERE t.device_key = ANY($3) AND x.slot = ANY($2) AND t.ts >= $")
                        .append(p)
                        .append(" AND t.ts < $")
                        .append(p + 1);
            } else {
                union.append("SELECT r.bucket AS t, r.device_key, r.n, r.total, r.lo, r.hi FROM ")
                        .append(segment.source().table)
                        .append(" r WHERE r.slot = ANY($2) AND r.device_key = ANY($3) AND r.bucket >= $")
                        .append(p)
                        .append(" AND r.bucket < $")
                        .append(p + 1);
            }
            params.addOffsetDateTime(utc(segment.from())).addOffsetDateTime(utc(segment.to()));
            p += 2;
        }
        String sql =
                "SELECT date_bin($1::bigint * interval '1 second', s.t, timestamptz '1970-01-01 00:00:00+00') AS b,"
                        + " sum(s.n)::bigint AS n, sum(s.total) AS total, min(s.lo) AS lo, max(s.hi) AS hi,"
                        + " count(DISTINCT s.device_key) AS devices FROM (" + union + ") s GROUP BY 1 ORDER BY 1";
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<Bucket> buckets = new ArrayList<>(rows.size());
            for (Row row : rows) {
                buckets.add(new Bucket(
                        row.getOffsetDateTime("b").toInstant(),
                        row.getLong("n"),
                        row.getDouble("total"),
                        row.getDouble("lo"),
                        row.getDouble("hi"),
                        row.getLong("devices")));
            }
            return buckets;
        });
    }

    /** Raw values of one metric of a device in [from, to), oldest first, at most {@code limit}. */
    public Uni<List<Point>> points(long deviceKey, short slot, Instant from, Instant to, int limit) {
        return pool.preparedQuery("""
                        SELECT t.ts, t.vals[array_position(t.metrics, $2::smallint)] AS v FROM telemetry t
                        WHERE t.device_key = $1 AND t.ts >= $3 AND t.ts < $4 AND t.metrics @> ARRAY[$2::smallint]
                        ORDER BY t.ts LIMIT $5""")
                .execute(Tuple.of(deviceKey, slot, utc(from), utc(to), limit))
                .map(rows -> {
                    List<Point> points = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        points.add(new Point(row.getOffsetDateTime("ts").toInstant(), row.getDouble("v")));
                    }
                    return points;
                });
    }

    /**
     * The latest value of each of the slots for a device: from the raw readings since {@code rawSince} (what the
     * hourly rollup does not hold yet), otherwise the last value of its latest rolled-up hour.
     */
    public Uni<Map<Short, Latest>> latest(long deviceKey, List<Short> slots, Instant rawSince) {
        Uni<List<Latest>> recent = pool.preparedQuery("""
                        SELECT DISTINCT ON (x.slot) x.slot, t.ts, x.val
                        FROM telemetry t CROSS JOIN LATERAL unnest(t.metrics, t.vals) AS x(slot, val)
                        WHERE t.device_key = $1 AND t.ts >= $2
                        ORDER BY x.slot, t.ts DESC""")
                .execute(Tuple.of(deviceKey, utc(rawSince)))
                .map(QueryRepository::latest);
        Uni<List<Latest>> rolledUp = slots.isEmpty()
                ? Uni.createFrom().item(List.of())
                : pool.preparedQuery("""
                                SELECT s.slot, h.last_ts AS ts, h.last AS val FROM unnest($2::smallint[]) AS s(slot)
                                CROSS JOIN LATERAL (SELECT last_ts, last FROM telemetry_hourly
                                                    WHERE slot = s.slot AND device_key = $1
                                                    ORDER BY bucket DESC LIMIT 1) h""")
                        .execute(Tuple.of(deviceKey, slots.toArray(Short[]::new)))
                        .map(QueryRepository::latest);
        return Uni.combine().all().unis(recent, rolledUp).with((raw, rolled) -> {
            Map<Short, Latest> latest = new HashMap<>();
            for (Latest l : rolled) {
                latest.put(l.slot(), l);
            }
            for (Latest l : raw) {
                latest.merge(l.slot(), l, (a, b) -> b.ts().isAfter(a.ts()) ? b : a);
            }
            return latest;
        });
    }

    private static List<Latest> latest(RowSet<Row> rows) {
        List<Latest> latest = new ArrayList<>(rows.size());
        for (Row row : rows) {
            latest.add(
                    new Latest(row.getShort("slot"), row.getOffsetDateTime("ts").toInstant(), row.getDouble("val")));
        }
        return latest;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
