package io.iotsphere.asset.repository;

import io.iotsphere.asset.Asset;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Finds a tenant's assets by filters, with SQL the ORM cannot express (the location subtree through the materialised
 * paths, trigram text search). Every query is scoped by tenant first. The SQL is built by {@link #build}, which the
 * benchmark also uses to show the plans of exactly these queries.
 */
@ApplicationScoped
public class AssetSearch {

    /** The filters of {@code GET /api/v1/assets}; null = no filter. */
    public record Filter(
            String type,
            String status,
            String manufacturer,
            String model,
            UUID location,
            LocalDate installedFrom,
            LocalDate installedTo,
            String warranty,
            String text) {

        public static final Filter NONE = new Filter(null, null, null, null, null, null, null, null, null);
    }

    /** A sort order: a whitelisted field, ascending or (with a leading '-') descending; ties broken by id. */
    public record Sort(String column, boolean descending) {

        /** The API's sort fields and what they sort by (text case-insensitively, as the indexes hold it). */
        public static final Map<String, String> FIELDS = Map.of(
                "id", "a.id",
                "name", "lower(a.name)",
                "manufacturer", "lower(a.manufacturer)",
                "model", "lower(a.model)",
                "installDate", "a.install_date",
                "warrantyEnd", "a.warranty_end",
                "lastMaintenance", "a.last_maintenance",
                "createdAt", "a.created_at",
                "updatedAt", "a.updated_at");

        /** For the {@code @Pattern} of the {@code sort} parameter. */
        public static final String PATTERN =
                "^-?(id|name|manufacturer|model|installDate|warrantyEnd|lastMaintenance|createdAt|updatedAt)$";

        public static final Sort DEFAULT = new Sort("a.id", false);

        public static Sort parse(String value) {
            if (value == null || value.isEmpty()) {
                return DEFAULT;
            }
            boolean descending = value.startsWith("-");
            String column = FIELDS.get(descending ? value.substring(1) : value);
            if (column == null) {
                throw new IllegalArgumentException("unknown sort field " + value);
            }
            return new Sort(column, descending);
        }

        /**
         * ORDER BY of the query. PostgreSQL's own null ordering (missing values sort as the largest: last ascending,
         * first descending), so that one (tenant, column, id) index serves both directions.
         */
        String orderBy() {
            String direction = descending ? " DESC" : "";
            return column.equals("a.id") ? "a.id" + direction : column + direction + ", a.id" + direction;
        }
    }

    /** The two statements of a search and their arguments. */
    public record Query(String countSql, List<Object> countArgs, String selectSql, List<Object> selectArgs) {}

    public record Result(List<Asset> assets, long total) {}

    @Inject
    Pool pool;

    public Uni<Result> find(String tenant, Filter filter, Sort sort, LocalDate today, int limit, long offset) {
        Query query = build(tenant, filter, sort, today, limit, offset);
        Uni<Long> count = pool.preparedQuery(query.countSql())
                .execute(Tuple.from(query.countArgs()))
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<Asset>> page = pool.preparedQuery(query.selectSql())
                .execute(Tuple.from(query.selectArgs()))
                .map(rows -> {
                    List<Asset> assets = new ArrayList<>();
                    for (Row row : rows) {
                        assets.add(Rows.asset(row));
                    }
                    return assets;
                });
        return Uni.combine().all().unis(count, page).asTuple().map(t -> new Result(t.getItem2(), t.getItem1()));
    }

    /** One asset of the tenant, or null. */
    public Uni<Asset> byId(String tenant, String id) {
        return pool.preparedQuery("SELECT * FROM assets a WHERE a.tenant = $1 AND a.id = $2")
                .execute(Tuple.of(tenant, id))
                .map(rows ->
                        rows.size() == 0 ? null : Rows.asset(rows.iterator().next()));
    }

    /** The SQL of a search (public for the benchmark, which explains these very statements). */
    public static Query build(String tenant, Filter f, Sort sort, LocalDate today, int limit, long offset) {
        List<Object> args = new ArrayList<>();
        args.add(tenant);
        StringBuilder where = new StringBuilder(" WHERE a.tenant = $1");
        if (f.type() != null) {
            where.append(" AND a.asset_type = ").append(arg(args, f.type()));
        }
        if (f.status() != null) {
            where.append(" AND a.status = ").append(arg(args, f.status()));
        }
        if (f.manufacturer() != null) {
            where.append(" AND lower(a.manufacturer) = ")
                    .append(arg(args, f.manufacturer().toLowerCase()));
        }
        if (f.model() != null) {
            where.append(" AND lower(a.model) = ").append(arg(args, f.model().toLowerCase()));
        }
        if (f.location() != null) {
            // The subtree's ids first (one GIN lookup), then the assets in any of them (one index range per id).
            where.append(" AND a.location_id = ANY (ARRAY(SELECT l.id FROM locations l WHERE l.tenant = $1")
                    .append(" AND l.path @> ARRAY[")
                    .append(arg(args, f.location()))
                    .append("]::uuid[]))");
        }
        if (f.installedFrom() != null) {
            where.append(" AND a.install_date >= ").append(arg(args, f.installedFrom()));
        }
        if (f.installedTo() != null) {
            where.append(" AND a.install_date <= ").append(arg(args, f.installedTo()));
        }
        if (f.warranty() != null) {
            where.append(
                    switch (f.warranty()) {
                        case "active" -> " AND a.warranty_end >= " + arg(args, today);
                        case "expired" -> " AND a.warranty_end < " + arg(args, today);
                        case "unknown" -> " AND a.warranty_end IS NULL";
                        default -> throw new IllegalArgumentException("unknown warranty status " + f.warranty());
                    });
        }
        if (f.text() != null) {
            where.append(" AND a.search_text LIKE ")
                    .append(arg(args, "%" + escapeLike(f.text().toLowerCase()) + "%"));
        }
        List<Object> countArgs = List.copyOf(args);
        String limitArg = arg(args, limit);
        String offsetArg = arg(args, offset);
        String select = "SELECT a.* FROM assets a" + where + " ORDER BY " + sort.orderBy() + " LIMIT " + limitArg
                + " OFFSET " + offsetArg;
        return new Query("SELECT count(*) FROM assets a" + where, countArgs, select, args);
    }

    private static String arg(List<Object> args, Object value) {
        args.add(value);
        return "$" + args.size();
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
