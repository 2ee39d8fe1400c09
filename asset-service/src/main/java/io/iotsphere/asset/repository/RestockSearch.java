package io.iotsphere.asset.repository;

import io.iotsphere.asset.rest.LocationSummary;
import io.iotsphere.asset.rest.RestockNeededView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The slots of a tenant's active machines that are below their restock threshold: a restocking round. */
@ApplicationScoped
public class RestockSearch {

    public record Result(List<RestockNeededView> slots, long total) {}

    private static final String FROM = """
             FROM vending_slots s
             JOIN assets a ON a.tenant = s.tenant AND a.id = s.asset_id
             LEFT JOIN products p ON p.tenant = s.tenant AND p.id = s.product_id
            WHERE s.tenant = $1 AND s.quantity < s.restock_threshold AND a.status = 'active'
              AND ($2::uuid IS NULL OR a.location_id IN
                   (SELECT l.id FROM locations l WHERE l.tenant = $1 AND l.path @> ARRAY[$2::uuid]))
            """;

    @Inject
    Pool pool;

    @Inject
    LocationPaths locations;

    public Uni<Result> find(String tenant, UUID under, int limit, long offset) {
        Uni<Long> count = pool.preparedQuery("SELECT count(*)" + FROM)
                .execute(Tuple.of(tenant, under))
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<Row>> rows = pool.preparedQuery(
                        "SELECT s.*, a.name AS asset_name, a.location_id, p.name AS product_name" + FROM
                                + " ORDER BY a.location_id, s.asset_id, s.slot LIMIT $3 OFFSET $4")
                .execute(Tuple.of(tenant, under, limit, offset))
                .map(set -> {
                    List<Row> list = new ArrayList<>();
                    set.forEach(list::add);
                    return list;
                });
        return Uni.combine().all().unis(count, rows).asTuple().chain(t -> {
            Set<UUID> ids = new LinkedHashSet<>();
            t.getItem2().forEach(row -> {
                if (row.getUUID("location_id") != null) {
                    ids.add(row.getUUID("location_id"));
                }
            });
            return locations.summaries(tenant, ids).map(paths -> new Result(views(t.getItem2(), paths), t.getItem1()));
        });
    }

    private static List<RestockNeededView> views(List<Row> rows, Map<UUID, LocationSummary> paths) {
        List<RestockNeededView> views = new ArrayList<>();
        for (Row row : rows) {
            UUID location = row.getUUID("location_id");
            views.add(new RestockNeededView(
                    row.getString("asset_id"),
                    row.getString("asset_name"),
                    location == null ? null : paths.get(location),
                    row.getString("slot"),
                    row.getString("product_id"),
                    row.getString("product_name"),
                    row.getInteger("quantity"),
                    row.getInteger("restock_threshold"),
                    row.getInteger("capacity")));
        }
        return views;
    }
}
