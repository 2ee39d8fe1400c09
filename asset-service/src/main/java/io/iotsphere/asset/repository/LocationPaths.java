package io.iotsphere.asset.repository;

import io.iotsphere.asset.rest.LocationSummary;
import io.iotsphere.asset.rest.LocationView.LocationRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Names along the location hierarchy, from the materialised paths (one query for any number of locations). */
@ApplicationScoped
public class LocationPaths {

    /** The separator of the names in a location's path. */
    public static final String SEPARATOR = " / ";

    private static final String SUMMARIES = """
            SELECT l.id, l.kind, l.name,
                   (SELECT string_agg(x.name, ' / ' ORDER BY array_position(l.path, x.id))
                      FROM locations x WHERE x.tenant = l.tenant AND x.id = ANY (l.path)) AS path_names
            FROM locations l WHERE l.tenant = $1 AND l.id = ANY ($2)
            """;

    private static final String ANCESTORS = """
            SELECT id, kind, name FROM locations WHERE tenant = $1 AND id = ANY ($2)
            ORDER BY array_position($2, id)
            """;

    @Inject
    Pool pool;

    /** Each location's summary (kind, name, path of names), by id; ids of no location of the tenant are left out. */
    public Uni<Map<UUID, LocationSummary>> summaries(String tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(SUMMARIES)
                .execute(Tuple.of(tenant, ids.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, LocationSummary> summaries = new HashMap<>();
                    for (Row row : rows) {
                        UUID id = row.getUUID("id");
                        summaries.put(
                                id,
                                new LocationSummary(
                                        id.toString(),
                                        row.getString("kind"),
                                        row.getString("name"),
                                        row.getString("path_names")));
                    }
                    return summaries;
                });
    }

    /** The locations of the tenant with these ids, by id. */
    public Uni<Map<UUID, LocationRef>> refs(String tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("SELECT id, kind, name FROM locations WHERE tenant = $1 AND id = ANY ($2)")
                .execute(Tuple.of(tenant, ids.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, LocationRef> refs = new HashMap<>();
                    for (Row row : rows) {
                        UUID id = row.getUUID("id");
                        refs.put(id, new LocationRef(id.toString(), row.getString("kind"), row.getString("name")));
                    }
                    return refs;
                });
    }

    /** The locations of a path, root first. */
    public Uni<List<LocationRef>> along(String tenant, UUID[] path) {
        return pool.preparedQuery(ANCESTORS).execute(Tuple.of(tenant, path)).map(rows -> {
            List<LocationRef> refs = new ArrayList<>();
            for (Row row : rows) {
                refs.add(new LocationRef(row.getUUID("id").toString(), row.getString("kind"), row.getString("name")));
            }
            return refs;
        });
    }
}
