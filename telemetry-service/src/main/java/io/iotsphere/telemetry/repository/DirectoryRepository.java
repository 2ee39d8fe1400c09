package io.iotsphere.telemetry.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsphere.contracts.device.TelemetryField;
import io.iotsphere.telemetry.Device;
import io.iotsphere.telemetry.DeviceType;
import io.iotsphere.telemetry.Tenant;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The projection of the registry's devices, device types and tenants in this service's database, and the change
 * notifications ({@code NOTIFY telemetry_directory}) that keep every replica's cache in step.
 */
@ApplicationScoped
public class DirectoryRepository {

    /** PostgreSQL channel of the change notifications: payload {@code d:<tenant>/<deviceId>}, {@code t:<type>}... */
    public static final String CHANNEL = "telemetry_directory";

    private static final String DEVICE_COLUMNS =
            "tenant, device_id, device_key, device_type, manufacturer, decommissioned";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    public Uni<Optional<Device>> findDevice(String tenant, String deviceId) {
        return pool.preparedQuery("SELECT " + DEVICE_COLUMNS + " FROM devices WHERE tenant = $1 AND device_id = $2")
                .execute(Tuple.of(tenant, deviceId))
                .map(rows -> first(rows).map(DirectoryRepository::device));
    }

    public Uni<Optional<Device>> findDevice(long deviceKey) {
        return pool.preparedQuery("SELECT " + DEVICE_COLUMNS + " FROM devices WHERE device_key = $1")
                .execute(Tuple.of(deviceKey))
                .map(rows -> first(rows).map(DirectoryRepository::device));
    }

    /** Keys of the tenant's devices, of one type or of all. */
    public Uni<List<Long>> deviceKeys(String tenant, String deviceType) {
        Uni<RowSet<Row>> rows = deviceType == null
                ? pool.preparedQuery("SELECT device_key FROM devices WHERE tenant = $1")
                        .execute(Tuple.of(tenant))
                : pool.preparedQuery("SELECT device_key FROM devices WHERE tenant = $1 AND device_type = $2")
                        .execute(Tuple.of(tenant, deviceType));
        return rows.map(set -> {
            List<Long> keys = new ArrayList<>(set.size());
            set.forEach(row -> keys.add(row.getLong(0)));
            return keys;
        });
    }

    public Uni<Optional<DeviceType>> findType(String typeId) {
        return pool.preparedQuery("SELECT type_id, version, telemetry FROM device_types WHERE type_id = $1")
                .execute(Tuple.of(typeId))
                .map(rows -> first(rows).map(this::type));
    }

    public Uni<List<DeviceType>> allTypes() {
        return pool.query("SELECT type_id, version, telemetry FROM device_types")
                .execute()
                .map(rows -> {
                    List<DeviceType> types = new ArrayList<>();
                    rows.forEach(row -> types.add(type(row)));
                    return types;
                });
    }

    public Uni<Optional<Tenant>> findTenant(String tenant) {
        return pool.preparedQuery("SELECT tenant, tenant_key, raw_retention_days, rollup_retention_days FROM tenants"
                        + " WHERE tenant = $1")
                .execute(Tuple.of(tenant))
                .map(rows -> first(rows).map(DirectoryRepository::tenant));
    }

    public Uni<List<Tenant>> allTenants() {
        return pool.query("SELECT tenant, tenant_key, raw_retention_days, rollup_retention_days FROM tenants")
                .execute()
                .map(rows -> {
                    List<Tenant> tenants = new ArrayList<>();
                    rows.forEach(row -> tenants.add(tenant(row)));
                    return tenants;
                });
    }

    /** The tenant, created (with a new key) when it has none yet. */
    public Uni<Tenant> ensureTenant(SqlClient client, String tenant) {
        return client.preparedQuery("INSERT INTO tenants (tenant) VALUES ($1) ON CONFLICT (tenant) DO NOTHING")
                .execute(Tuple.of(tenant))
                .chain(() -> client.preparedQuery("SELECT tenant, tenant_key, raw_retention_days, rollup_retention_days"
                                + " FROM tenants WHERE tenant = $1")
                        .execute(Tuple.of(tenant)))
                .map(rows -> tenant(rows.iterator().next()));
    }

    public Uni<Tenant> updateRetention(SqlClient client, String tenant, Integer rawDays, Integer rollupDays) {
        return ensureTenant(client, tenant)
                .chain(() -> client.preparedQuery("UPDATE tenants SET raw_retention_days = $2,"
                                + " rollup_retention_days = $3, updated_at = now() WHERE tenant = $1"
                                + " RETURNING tenant, tenant_key, raw_retention_days, rollup_retention_days")
                        .execute(Tuple.of(tenant, rawDays, rollupDays)))
                .map(rows -> tenant(rows.iterator().next()));
    }

    /**
     * Records a device's state as of {@code changedAt}, unless a later change is already recorded. A new device gets
     * its key; a {@code null} manufacturer keeps the one recorded.
     *
     * @return whether the row changed
     */
    public Uni<Boolean> upsertDevice(
            SqlClient client,
            Tenant tenant,
            String deviceId,
            String deviceType,
            String manufacturer,
            boolean decommissioned,
            Instant changedAt) {
        return client.preparedQuery("""
                        INSERT INTO devices AS d (tenant, device_id, device_key, device_type, manufacturer,
                                                  decommissioned, changed_at)
                        VALUES ($1, $2, ($3::bigint << 40) | nextval('device_seq'), $4, $5, $6, $7)
                        ON CONFLICT (tenant, device_id) DO UPDATE
                            SET device_type = EXCLUDED.device_type,
                                manufacturer = coalesce(EXCLUDED.manufacturer, d.manufacturer),
                                decommissioned = EXCLUDED.decommissioned,
                                changed_at = EXCLUDED.changed_at
                            WHERE d.changed_at <= EXCLUDED.changed_at""")
                .execute(Tuple.tuple()
                        .addString(tenant.tenant())
                        .addString(deviceId)
                        .addLong((long) tenant.tenantKey())
                        .addString(deviceType)
                        .addString(manufacturer)
                        .addBoolean(decommissioned)
                        .addOffsetDateTime(utc(changedAt)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Records a device type unless a later version is already recorded; returns whether the row changed. */
    public Uni<Boolean> upsertType(
            SqlClient client, String typeId, long version, List<TelemetryField> fields, Instant updatedAt) {
        return client.preparedQuery("""
                        INSERT INTO device_types AS t (type_id, version, telemetry, updated_at)
                        VALUES ($1, $2, $3::jsonb, $4)
                        ON CONFLICT (type_id) DO UPDATE
                            SET version = EXCLUDED.version, telemetry = EXCLUDED.telemetry,
                                updated_at = EXCLUDED.updated_at
                            WHERE t.version < EXCLUDED.version""")
                .execute(Tuple.of(typeId, version, json(fields), utc(updatedAt)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Tells every replica (this one included) that an entry changed; sent when the transaction commits. */
    public Uni<Void> notifyChange(SqlClient client, String payload) {
        return client.preparedQuery("SELECT pg_notify('" + CHANNEL + "', $1)")
                .execute(Tuple.of(payload))
                .replaceWithVoid();
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    private static Device device(Row row) {
        return new Device(
                row.getString("tenant"),
                row.getString("device_id"),
                row.getLong("device_key"),
                row.getString("device_type"),
                row.getString("manufacturer"),
                row.getBoolean("decommissioned"));
    }

    private static Tenant tenant(Row row) {
        return new Tenant(
                row.getString("tenant"),
                row.getInteger("tenant_key"),
                row.getInteger("raw_retention_days"),
                row.getInteger("rollup_retention_days"));
    }

    private DeviceType type(Row row) {
        Object telemetry = row.getValue("telemetry");
        String json = telemetry instanceof JsonArray array ? array.encode() : String.valueOf(telemetry);
        try {
            List<TelemetryField> fields = List.of(mapper.readValue(json, TelemetryField[].class));
            return DeviceType.of(row.getString("type_id"), row.getLong("version"), fields);
        } catch (IOException e) {
            throw new UncheckedIOException("stored telemetry fields of " + row.getString("type_id") + " unreadable", e);
        }
    }

    private String json(List<TelemetryField> fields) {
        try {
            return mapper.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
