package io.iotsphere.telemetry.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Partitions of the raw readings (per tenant and UTC day) and of the rollups (per month): list, create, drop. */
@ApplicationScoped
public class PartitionRepository {

    /** A day partition of a tenant's readings. */
    public record DayPartition(int tenantKey, LocalDate day) {}

    @Inject
    Pool pool;

    public Uni<List<DayPartition>> dayPartitions() {
        return pool.query("""
                        SELECT c.relname FROM pg_inherits i
                            JOIN pg_class c ON c.oid = i.inhrelid
                            JOIN pg_class p ON p.oid = i.inhparent
                        WHERE p.relname ~ '^telemetry_t[0-9]+$' AND c.relname ~ '^telemetry_t[0-9]+_[0-9]{8}$'""").execute().map(rows -> {
            List<DayPartition> partitions = new ArrayList<>();
            for (Row row : rows) {
                partitions.add(parse(row.getString(0)));
            }
            return partitions;
        });
    }

    /** Creates the day partition (and the tenant's partition) unless it exists; true when it was created. */
    public Uni<Boolean> ensureDay(int tenantKey, LocalDate day) {
        return pool.preparedQuery("SELECT telemetry_ensure_day($1, $2)")
                .execute(Tuple.of(tenantKey, day))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Creates the monthly partitions of both rollups for the month of the day unless they exist. */
    public Uni<Boolean> ensureRollupMonth(LocalDate day) {
        return pool.preparedQuery("SELECT telemetry_ensure_rollup_month($1)")
                .execute(Tuple.of(day))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Drops a tenant's day partitions before the day; returns their names. */
    public Uni<List<String>> dropDaysBefore(int tenantKey, LocalDate before) {
        return pool.preparedQuery("SELECT telemetry_drop_days_before($1, $2)")
                .execute(Tuple.of(tenantKey, before))
                .map(PartitionRepository::names);
    }

    /** Drops the rollups' monthly partitions that end on or before the day; returns their names. */
    public Uni<List<String>> dropRollupMonthsBefore(LocalDate before) {
        return pool.preparedQuery("SELECT telemetry_drop_rollup_months_before($1)")
                .execute(Tuple.of(before))
                .map(PartitionRepository::names);
    }

    /** Deletes a tenant's rollups before the time (a tenant keeping them shorter than the partitions live). */
    public Uni<Integer> deleteRollupsBefore(int tenantKey, OffsetDateTime before) {
        long from = (long) tenantKey << 40;
        long to = (long) (tenantKey + 1) << 40;
        return pool.preparedQuery(
                        "DELETE FROM telemetry_hourly WHERE device_key >= $1 AND device_key < $2" + " AND bucket < $3")
                .execute(Tuple.of(from, to, before))
                .chain(hourly -> pool.preparedQuery("DELETE FROM telemetry_daily WHERE device_key >= $1"
                                + " AND device_key < $2 AND bucket < $3")
                        .execute(Tuple.of(from, to, before))
                        .map(daily -> hourly.rowCount() + daily.rowCount()));
    }

    private static List<String> names(RowSet<Row> rows) {
        List<String> names = new ArrayList<>();
        rows.forEach(row -> names.add(row.getString(0)));
        return names;
    }

    static DayPartition parse(String name) {
        // telemetry_t<key>_<yyyymmdd>
        int underscore = name.lastIndexOf('_');
        int key = Integer.parseInt(name.substring("telemetry_t".length(), underscore));
        String d = name.substring(underscore + 1);
        return new DayPartition(
                key,
                LocalDate.of(
                        Integer.parseInt(d.substring(0, 4)),
                        Integer.parseInt(d.substring(4, 6)),
                        Integer.parseInt(d.substring(6, 8))));
    }
}
