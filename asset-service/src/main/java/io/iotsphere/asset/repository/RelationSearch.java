package io.iotsphere.asset.repository;

import io.iotsphere.asset.rest.RelationView;
import io.iotsphere.asset.rest.RelationView.AssetRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Relations of an asset: direct ones in either direction, or a walk along one kind in one direction (everything a
 * boiler feeds, and what those feed...), cycle-safe and bounded in depth, each related asset once at its shortest
 * depth.
 */
@ApplicationScoped
public class RelationSearch {

    public record Result(List<RelationView> relations, long total) {}

    private static final String DIRECT = """
            SELECT * FROM (
              SELECT r.kind, 'outgoing' AS direction, a.id, a.asset_type, a.name, a.status, 1 AS depth,
                     r.created_at, r.created_by
              FROM asset_relations r JOIN assets a ON a.tenant = r.tenant AND a.id = r.target_id
              WHERE r.tenant = $1 AND r.source_id = $2 AND ($3::text IS NULL OR r.kind = $3) AND $4
              UNION ALL
              SELECT r.kind, 'incoming', a.id, a.asset_type, a.name, a.status, 1, r.created_at, r.created_by
              FROM asset_relations r JOIN assets a ON a.tenant = r.tenant AND a.id = r.source_id
              WHERE r.tenant = $1 AND r.target_id = $2 AND ($3::text IS NULL OR r.kind = $3) AND $5
            ) x
            """;

    /** $1 tenant, $2 start, $3 kind, $4 max depth; %s: the column walked from and the column walked to. */
    private static final String WALK = """
            WITH RECURSIVE walk (asset_id, depth, trail, created_at, created_by) AS (
              SELECT r.%2$s, 1, ARRAY[r.%1$s, r.%2$s], r.created_at, r.created_by
              FROM asset_relations r WHERE r.tenant = $1 AND r.%1$s = $2 AND r.kind = $3
              UNION ALL
              SELECT r.%2$s, w.depth + 1, w.trail || r.%2$s, r.created_at, r.created_by
              FROM walk w JOIN asset_relations r ON r.tenant = $1 AND r.%1$s = w.asset_id AND r.kind = $3
              WHERE w.depth < $4 AND r.%2$s <> ALL (w.trail)
            ), nearest AS (
              SELECT DISTINCT ON (asset_id) asset_id, depth, created_at, created_by FROM walk
              ORDER BY asset_id, depth
            )
            SELECT $3 AS kind, '%3$s' AS direction, a.id, a.asset_type, a.name, a.status, n.depth, n.created_at,
                   n.created_by
            FROM nearest n JOIN assets a ON a.tenant = $1 AND a.id = n.asset_id
            """;

    @Inject
    Pool pool;

    /** Direct relations; {@code kind} null = all kinds; {@code direction} outgoing, incoming or both. */
    public Uni<Result> direct(String tenant, String assetId, String kind, String direction, int limit, long offset) {
        boolean out = !direction.equals("incoming");
        boolean in = !direction.equals("outgoing");
        Tuple args = Tuple.of(tenant, assetId, kind, out, in);
        return page(DIRECT, args, " ORDER BY x.direction DESC, x.kind, x.id", limit, offset);
    }

    /** Every asset reached from {@code assetId} along {@code kind} relations in one direction, within maxDepth hops. */
    public Uni<Result> walk(
            String tenant, String assetId, String kind, String direction, int maxDepth, int limit, long offset) {
        boolean out = direction.equals("outgoing");
        String sql = WALK.formatted(out ? "source_id" : "target_id", out ? "target_id" : "source_id", direction);
        Tuple args = Tuple.of(tenant, assetId, kind, maxDepth);
        return page("SELECT * FROM (" + sql + ") x", args, " ORDER BY x.depth, x.id", limit, offset);
    }

    private Uni<Result> page(String sql, Tuple args, String orderBy, int limit, long offset) {
        Uni<Long> count = pool.preparedQuery("SELECT count(*) FROM (" + sql + ") c")
                .execute(args)
                .map(rows -> rows.iterator().next().getLong(0));
        int n = args.size();
        Tuple pageArgs = Tuple.from(copy(args)).addInteger(limit).addLong(offset);
        Uni<List<RelationView>> page = pool.preparedQuery(sql + orderBy + " LIMIT $" + (n + 1) + " OFFSET $" + (n + 2))
                .execute(pageArgs)
                .map(rows -> {
                    List<RelationView> relations = new ArrayList<>();
                    for (Row row : rows) {
                        relations.add(new RelationView(
                                row.getString("kind"),
                                row.getString("direction"),
                                new AssetRef(
                                        row.getString("id"),
                                        row.getString("asset_type"),
                                        row.getString("name"),
                                        row.getString("status")),
                                row.getInteger("depth"),
                                Rows.instant(row, "created_at"),
                                row.getString("created_by")));
                    }
                    return relations;
                });
        return Uni.combine().all().unis(count, page).asTuple().map(t -> new Result(t.getItem2(), t.getItem1()));
    }

    private static List<Object> copy(Tuple tuple) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < tuple.size(); i++) {
            values.add(tuple.getValue(i));
        }
        return values;
    }
}
