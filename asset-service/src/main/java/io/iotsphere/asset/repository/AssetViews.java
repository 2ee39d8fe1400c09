package io.iotsphere.asset.repository;

import io.iotsphere.asset.Asset;
import io.iotsphere.asset.rest.AssetView;
import io.iotsphere.asset.rest.InventorySummary;
import io.iotsphere.asset.rest.LocationSummary;
import io.iotsphere.asset.rest.VendingMachineView;
import io.iotsphere.asset.rest.WaterHeaterDetails;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Assets as the API shows them: with where they are (the path of names of their location) and, for vending machines,
 * their stock at a glance. Two queries for any number of assets.
 */
@ApplicationScoped
public class AssetViews {

    private static final String INVENTORY = """
            SELECT asset_id, count(*) AS slots, sum(capacity) AS capacity, sum(quantity) AS units,
                   count(*) FILTER (WHERE quantity < restock_threshold) AS below,
                   count(*) FILTER (WHERE quantity = 0) AS empty
            FROM vending_slots WHERE tenant = $1 AND asset_id = ANY ($2) GROUP BY asset_id
            """;

    @Inject
    Pool pool;

    @Inject
    LocationPaths locations;

    public Uni<AssetView> of(Asset asset) {
        return of(asset.tenant, List.of(asset)).map(views -> views.get(0));
    }

    public Uni<List<AssetView>> of(String tenant, List<Asset> assets) {
        if (assets.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Set<UUID> locationIds = new LinkedHashSet<>();
        List<String> machines = new ArrayList<>();
        for (Asset a : assets) {
            if (a.locationId != null) {
                locationIds.add(a.locationId);
            }
            if (a.isVendingMachine()) {
                machines.add(a.id);
            }
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Uni.combine()
                .all()
                .unis(locations.summaries(tenant, locationIds), inventories(tenant, machines))
                .asTuple()
                .map(t -> assets.stream()
                        .map(a -> view(
                                a,
                                a.locationId == null ? null : t.getItem1().get(a.locationId),
                                t.getItem2().getOrDefault(a.id, InventorySummary.NONE),
                                today))
                        .toList());
    }

    private Uni<Map<String, InventorySummary>> inventories(String tenant, List<String> machines) {
        if (machines.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(INVENTORY)
                .execute(Tuple.of(tenant, machines.toArray(new String[0])))
                .map(rows -> {
                    Map<String, InventorySummary> summaries = new HashMap<>();
                    for (Row row : rows) {
                        summaries.put(
                                row.getString("asset_id"),
                                new InventorySummary(
                                        row.getLong("slots").intValue(),
                                        row.getLong("capacity").intValue(),
                                        row.getLong("units").intValue(),
                                        row.getLong("below").intValue(),
                                        row.getLong("empty").intValue()));
                    }
                    return summaries;
                });
    }

    public static String warrantyStatus(LocalDate warrantyEnd, LocalDate today) {
        if (warrantyEnd == null) {
            return "unknown";
        }
        return warrantyEnd.isBefore(today) ? "expired" : "active";
    }

    static AssetView view(Asset a, LocationSummary location, InventorySummary inventory, LocalDate today) {
        WaterHeaterDetails heater = a.isWaterHeater()
                ? new WaterHeaterDetails(a.tankCapacityLitres, a.fuelType, a.elementType, a.powerKw, a.efficiencyRating)
                : null;
        VendingMachineView machine = a.isVendingMachine()
                ? new VendingMachineView(a.locationType, a.useType, a.maintenancePartner, a.cashCapacity, inventory)
                : null;
        return new AssetView(
                a.id,
                a.tenant,
                a.type,
                a.deviceLinked,
                a.status,
                a.name,
                a.manufacturer,
                a.model,
                a.serialNumber,
                List.of(a.tags),
                a.attributes,
                location,
                a.placement,
                a.installDate,
                a.warrantyEnd,
                warrantyStatus(a.warrantyEnd, today),
                a.lastMaintenance,
                heater,
                machine,
                a.createdAt,
                a.updatedAt,
                a.decommissionedAt,
                a.version);
    }
}
