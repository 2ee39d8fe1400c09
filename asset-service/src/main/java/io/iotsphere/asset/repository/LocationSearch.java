package io.iotsphere.asset.repository;

import io.iotsphere.asset.Location;
import io.iotsphere.asset.LocationKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Finds a tenant's locations: by kind, parent, subtree (materialised path) and name. */
@ApplicationScoped
public class LocationSearch {

    /** The filters of {@code GET /api/v1/locations}; null = no filter. */
    public record Filter(String kind, UUID parent, UUID under, String text) {}

    public record Result(List<Location> locations, long total) {}

    @Inject
    Pool pool;

    public Uni<Result> find(String tenant, Filter f, int limit, long offset) {
        List<Object> args = new ArrayList<>();
        args.add(tenant);
        StringBuilder where = new StringBuilder(" WHERE tenant = $1");
        if (f.kind() != null) {
            args.add(f.kind());
            where.append(" AND kind = $").append(args.size());
        }
        if (f.parent() != null) {
            args.add(f.parent());
            where.append(" AND parent_id = $").append(args.size());
        }
        if (f.under() != null) {
            args.add(f.under());
            where.append(" AND path @> ARRAY[$")
                    .append(args.size())
                    .append("]::uuid[] AND id <> $")
                    .append(args.size());
        }
        if (f.text() != null) {
            args.add("%" + AssetSearch.escapeLike(f.text().toLowerCase()) + "%");
            where.append(" AND lower(name) LIKE $").append(args.size());
        }
        Tuple countArgs = Tuple.from(args);
        args.add(limit);
        args.add(offset);
        String select = "SELECT * FROM locations" + where + " ORDER BY cardinality(path), name, id LIMIT $"
                + (args.size() - 1) + " OFFSET $" + args.size();
        Uni<Long> count = pool.preparedQuery("SELECT count(*) FROM locations" + where)
                .execute(countArgs)
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<Location>> page = pool.preparedQuery(select)
                .execute(Tuple.from(args))
                .map(rows -> {
                    List<Location> locations = new ArrayList<>();
                    for (Row row : rows) {
                        locations.add(location(row));
                    }
                    return locations;
                });
        return Uni.combine().all().unis(count, page).asTuple().map(t -> new Result(t.getItem2(), t.getItem1()));
    }

    static Location location(Row row) {
        Location l = new Location();
        l.tenant = row.getString("tenant");
        l.id = row.getUUID("id");
        l.kind = LocationKind.of(row.getString("kind"));
        l.parentId = row.getUUID("parent_id");
        l.name = row.getString("name");
        l.path = row.getArrayOfUUIDs("path");
        l.address = row.getString("address");
        l.city = row.getString("city");
        l.country = row.getString("country");
        l.latitude = row.getDouble("latitude");
        l.longitude = row.getDouble("longitude");
        l.timezone = row.getString("timezone");
        l.createdAt = Rows.instant(row, "created_at");
        l.updatedAt = Rows.instant(row, "updated_at");
        l.version = row.getLong("version");
        return l;
    }
}
