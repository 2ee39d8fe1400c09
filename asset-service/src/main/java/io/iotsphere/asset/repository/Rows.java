package io.iotsphere.asset.repository;

import io.iotsphere.asset.Asset;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rows of the reactive client into entities (for the reads the ORM cannot express). */
final class Rows {

    private Rows() {}

    static Asset asset(Row row) {
        Asset a = new Asset();
        a.tenant = row.getString("tenant");
        a.id = row.getString("id");
        a.type = row.getString("asset_type");
        a.deviceLinked = row.getBoolean("device_linked");
        a.status = row.getString("status");
        a.name = row.getString("name");
        a.manufacturer = row.getString("manufacturer");
        a.model = row.getString("model");
        a.serialNumber = row.getString("serial_number");
        a.tags = row.getArrayOfStrings("tags");
        Map<String, String> attributes = new LinkedHashMap<>();
        Object json = row.getValue("attributes");
        if (json instanceof JsonObject object) {
            object.forEach(e -> attributes.put(e.getKey(), String.valueOf(e.getValue())));
        }
        a.attributes = attributes;
        a.locationId = row.getUUID("location_id");
        a.placement = row.getString("placement");
        a.installDate = row.getLocalDate("install_date");
        a.warrantyEnd = row.getLocalDate("warranty_end");
        a.lastMaintenance = row.getLocalDate("last_maintenance");
        a.tankCapacityLitres = row.getBigDecimal("tank_capacity_litres");
        a.fuelType = row.getString("fuel_type");
        a.elementType = row.getString("element_type");
        a.powerKw = row.getBigDecimal("power_kw");
        a.efficiencyRating = row.getBigDecimal("efficiency_rating");
        a.locationType = row.getString("location_type");
        a.useType = row.getString("use_type");
        a.maintenancePartner = row.getString("maintenance_partner");
        a.cashCapacity = row.getBigDecimal("cash_capacity");
        a.deviceEventAt = instant(row, "device_event_at");
        a.decommissionedAt = instant(row, "decommissioned_at");
        a.createdAt = instant(row, "created_at");
        a.updatedAt = instant(row, "updated_at");
        a.version = row.getLong("version");
        return a;
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
