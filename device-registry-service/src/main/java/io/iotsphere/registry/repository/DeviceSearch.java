package io.iotsphere.registry.repository;

import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.registry.Device;
import io.iotsphere.registry.LifecycleStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a tenant's devices by filters, with SQL the ORM cannot express (array containment for tags, trigram text
 * search). Every query is scoped by tenant first.
 */
@ApplicationScoped
public class DeviceSearch {

    /** The filters of {@code GET /api/v1/devices}; null = no filter. */
    public record Filter(String type, String status, String manufacturer, String tag, Boolean simulated, String text) {}

    public record Result(List<Device> devices, long total) {}

    @Inject
    Pool pool;

    public Uni<Result> find(String tenant, Filter filter, PageRequest page) {
        List<Object> args = new ArrayList<>();
        args.add(tenant);
        StringBuilder where = new StringBuilder(" WHERE tenant = $1");
        if (filter.type() != null) {
            args.add(filter.type());
            where.append(" AND device_type = $").append(args.size());
        }
        if (filter.manufacturer() != null) {
            args.add(filter.manufacturer());
            where.append(" AND manufacturer = $").append(args.size());
        }
        if (filter.tag() != null) {
            args.add(filter.tag());
            where.append(" AND tags @> ARRAY[$").append(args.size()).append("]::text[]");
        }
        if (filter.simulated() != null) {
            args.add(filter.simulated());
            where.append(" AND simulated = $").append(args.size());
        }
        if (filter.text() != null) {
            args.add("%" + escapeLike(filter.text().toLowerCase()) + "%");
            where.append(" AND lower(id || ' ' || coalesce(name, '') || ' ' || coalesce(serial_number, '') || ' '")
                    .append(" || coalesce(model, '')) LIKE $")
                    .append(args.size());
        }
        if (filter.status() != null) {
            where.append(statusCondition(filter.status()));
        }
        Tuple countArgs = Tuple.from(args);
        args.add(page.size);
        args.add(page.offset());
        String select = "SELECT * FROM devices" + where + " ORDER BY id LIMIT $" + (args.size() - 1) + " OFFSET $"
                + args.size();
        return pool.preparedQuery("SELECT count(*) FROM devices" + where)
                .execute(countArgs)
                .chain(count -> pool.preparedQuery(select)
                        .execute(Tuple.from(args))
                        .map(rows -> {
                            List<Device> devices = new ArrayList<>();
                            for (Row row : rows) {
                                devices.add(device(row));
                            }
                            return new Result(devices, count.iterator().next().getLong(0));
                        }));
    }

    /** The SQL for each reported status (see {@code LifecycleEvents.status}); values are checked by the resource. */
    static String statusCondition(String status) {
        return switch (status) {
            case "decommissioned" -> " AND status = 'decommissioned'";
            case "online" -> " AND status <> 'decommissioned' AND online";
            case "offline" -> " AND status <> 'decommissioned' AND NOT online AND last_seen IS NOT NULL";
            case "registered" -> " AND status = 'registered' AND NOT online AND last_seen IS NULL";
            case "active" -> " AND status = 'active' AND NOT online AND last_seen IS NULL";
            default -> throw new IllegalArgumentException("unknown status " + status);
        };
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static Device device(Row row) {
        Device d = new Device();
        d.tenant = row.getString("tenant");
        d.id = row.getString("id");
        d.type = row.getString("device_type");
        d.name = row.getString("name");
        d.manufacturer = row.getString("manufacturer");
        d.model = row.getString("model");
        d.serialNumber = row.getString("serial_number");
        d.tags = row.getArrayOfStrings("tags");
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonObject json = (JsonObject) row.getValue("attributes");
        if (json != null) {
            json.forEach(e -> attributes.put(e.getKey(), String.valueOf(e.getValue())));
        }
        d.attributes = attributes;
        d.simulated = row.getBoolean("simulated");
        d.status = LifecycleStatus.of(row.getString("status"));
        d.online = row.getBoolean("online");
        d.lastSeen = instant(row, "last_seen");
        d.presenceChangedAt = instant(row, "presence_changed_at");
        d.decommissionReason = row.getString("decommission_reason");
        d.decommissionedAt = instant(row, "decommissioned_at");
        d.createdAt = instant(row, "created_at");
        d.updatedAt = instant(row, "updated_at");
        d.version = row.getLong("version");
        return d;
    }

    private static java.time.Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
