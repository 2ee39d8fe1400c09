package io.iotsphere.asset.service;

import io.iotsphere.asset.Asset;
import io.iotsphere.asset.AssetTypes;
import io.iotsphere.asset.repository.AssetSearch;
import io.iotsphere.asset.repository.AssetViews;
import io.iotsphere.asset.rest.AssetChange;
import io.iotsphere.asset.rest.AssetRequest;
import io.iotsphere.asset.rest.AssetView;
import io.iotsphere.asset.rest.Patch;
import io.iotsphere.asset.rest.VendingMachineDetails;
import io.iotsphere.asset.rest.WaterHeaterDetails;
import io.iotsphere.commons.persistence.TenantKey;
import io.iotsphere.commons.rest.Page;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.rest.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Assets of a tenant: created from the registry's devices (see {@link DeviceSync}) or by hand, enriched by users,
 * searched. The fields the registry owns (name, manufacturer, model, serial number) change there for device assets.
 */
@ApplicationScoped
public class AssetService {

    /** Fields of a device's asset that the registry owns. */
    static final List<String> REGISTRY_FIELDS = List.of("name", "manufacturer", "model", "serialNumber");

    @Inject
    AssetSearch search;

    @Inject
    AssetViews views;

    public Uni<AssetView> create(String tenant, AssetRequest r) {
        String id = r.id() != null ? r.id() : r.type() + "-" + UUID.randomUUID();
        boolean heater = AssetTypes.WATER_HEATER.equals(r.type());
        if (heater && r.vendingMachine() != null) {
            throw Problems.badRequest("vendingMachine: a water heater has no vending machine details");
        }
        if (!heater && r.waterHeater() != null) {
            throw Problems.badRequest("waterHeater: a vending machine has no water heater details");
        }
        checkWarranty(r.installDate(), r.warrantyEnd());
        return Panache.<Asset>withTransaction(() -> LocationService.referenced(tenant, "locationId", r.locationId())
                        .chain(() -> Asset.<Asset>findById(new TenantKey(tenant, id)))
                        .chain(existing -> {
                            if (existing != null) {
                                throw Problems.conflict("an asset '" + id + "' already exists");
                            }
                            Instant now = Instant.now();
                            Asset a = new Asset();
                            a.tenant = tenant;
                            a.id = id;
                            a.type = r.type();
                            a.name = r.name();
                            a.manufacturer = r.manufacturer();
                            a.model = r.model();
                            a.serialNumber = r.serialNumber();
                            a.locationId = r.locationId() == null ? null : UUID.fromString(r.locationId());
                            a.placement = r.placement();
                            a.installDate = r.installDate();
                            a.warrantyEnd = r.warrantyEnd();
                            if (r.waterHeater() != null) {
                                heater(a, r.waterHeater(), null);
                            }
                            if (r.vendingMachine() != null) {
                                machine(a, r.vendingMachine(), null);
                            }
                            a.createdAt = now;
                            a.updatedAt = now;
                            return a.persist();
                        }))
                .onFailure(Errors::isUniqueViolation)
                .transform(e -> Problems.conflict("an asset '" + id + "' already exists"))
                .chain(views::of);
    }

    public Uni<AssetView> get(String tenant, String id) {
        return search.byId(tenant, id)
                .onItem()
                .ifNull()
                .failWith(() -> notFound(id))
                .chain(views::of);
    }

    public Uni<Page<AssetView>> list(
            String tenant, AssetSearch.Filter filter, AssetSearch.Sort sort, PageRequest page) {
        return search.find(tenant, filter, sort, LocalDate.now(ZoneOffset.UTC), page.size, page.offset())
                .chain(result -> views.of(tenant, result.assets()).map(items -> Page.of(items, page, result.total())));
    }

    public Uni<AssetView> update(String tenant, String id, Patch<AssetChange> patch) {
        AssetChange c = patch.value();
        return Panache.<Asset>withTransaction(() -> find(tenant, id).chain(a -> {
                    if (c.version() != null && c.version() != a.version) {
                        throw Errors.versionMismatch("asset '" + id + "'", a.version, c.version());
                    }
                    if (a.deviceLinked) {
                        for (String field : REGISTRY_FIELDS) {
                            if (patch.has(field)) {
                                throw Problems.conflict(field + ": asset '" + id
                                        + "' is a device of the registry, which keeps its name, manufacturer, model"
                                        + " and serial number: change them with PATCH /api/v1/devices/" + id);
                            }
                        }
                    }
                    if (patch.has("waterHeater") && c.waterHeater() != null && !a.isWaterHeater()) {
                        throw Problems.badRequest("waterHeater: asset '" + id + "' is a " + a.type);
                    }
                    if (patch.has("vendingMachine") && c.vendingMachine() != null && !a.isVendingMachine()) {
                        throw Problems.badRequest("vendingMachine: asset '" + id + "' is a " + a.type);
                    }
                    return LocationService.referenced(
                                    tenant, "locationId", patch.has("locationId") ? c.locationId() : null)
                            .map(location -> {
                                apply(a, patch);
                                checkWarranty(a.installDate, a.warrantyEnd);
                                a.updatedAt = Instant.now();
                                return a;
                            });
                }))
                .onFailure(Errors::isOptimisticLock)
                .transform(e -> Errors.changedMeanwhile("asset '" + id + "'"))
                .chain(views::of);
    }

    /** Deletes an asset created by hand, with its history; a device's asset is retired through the registry. */
    public Uni<Void> delete(String tenant, String id) {
        return Panache.withTransaction(() -> find(tenant, id).chain(a -> {
            if (a.deviceLinked) {
                throw Problems.conflict("asset '" + id + "' is a device of the registry: decommission it there"
                        + " (POST /api/v1/devices/" + id + "/decommission); its asset keeps its history");
            }
            return Panache.getSession()
                    .chain(session -> session.createNativeQuery(
                                    "DELETE FROM inventory_movements WHERE tenant = :tenant AND asset_id = :id")
                            .setParameter("tenant", tenant)
                            .setParameter("id", id)
                            .executeUpdate())
                    .chain(() -> a.delete());
        }));
    }

    private static void apply(Asset a, Patch<AssetChange> patch) {
        AssetChange c = patch.value();
        if (patch.has("name")) {
            a.name = c.name();
        }
        if (patch.has("manufacturer")) {
            a.manufacturer = c.manufacturer();
        }
        if (patch.has("model")) {
            a.model = c.model();
        }
        if (patch.has("serialNumber")) {
            a.serialNumber = c.serialNumber();
        }
        if (patch.has("locationId")) {
            a.locationId = c.locationId() == null ? null : UUID.fromString(c.locationId());
        }
        if (patch.has("placement")) {
            a.placement = c.placement();
        }
        if (patch.has("installDate")) {
            a.installDate = c.installDate();
        }
        if (patch.has("warrantyEnd")) {
            a.warrantyEnd = c.warrantyEnd();
        }
        if (patch.has("waterHeater")) {
            if (c.waterHeater() == null) {
                heater(a, new WaterHeaterDetails(null, null, null, null, null), null);
            } else {
                heater(a, c.waterHeater(), patch);
            }
        }
        if (patch.has("vendingMachine")) {
            if (c.vendingMachine() == null) {
                machine(a, new VendingMachineDetails(null, null, null, null), null);
            } else {
                machine(a, c.vendingMachine(), patch);
            }
        }
    }

    /** Sets the water heater fields: all of them, or (for a patch) those the patch names. */
    private static void heater(Asset a, WaterHeaterDetails d, Patch<?> patch) {
        String block = "waterHeater";
        if (patch == null || patch.has(block, "tankCapacityLitres")) {
            a.tankCapacityLitres = d.tankCapacityLitres();
        }
        if (patch == null || patch.has(block, "fuelType")) {
            a.fuelType = d.fuelType();
        }
        if (patch == null || patch.has(block, "elementType")) {
            a.elementType = d.elementType();
        }
        if (patch == null || patch.has(block, "powerKw")) {
            a.powerKw = d.powerKw();
        }
        if (patch == null || patch.has(block, "efficiencyRating")) {
            a.efficiencyRating = d.efficiencyRating();
        }
    }

    private static void machine(Asset a, VendingMachineDetails d, Patch<?> patch) {
        String block = "vendingMachine";
        if (patch == null || patch.has(block, "locationType")) {
            a.locationType = d.locationType();
        }
        if (patch == null || patch.has(block, "useType")) {
            a.useType = d.useType();
        }
        if (patch == null || patch.has(block, "maintenancePartner")) {
            a.maintenancePartner = d.maintenancePartner();
        }
        if (patch == null || patch.has(block, "cashCapacity")) {
            a.cashCapacity = d.cashCapacity();
        }
    }

    private static void checkWarranty(LocalDate installDate, LocalDate warrantyEnd) {
        if (installDate != null && warrantyEnd != null && warrantyEnd.isBefore(installDate)) {
            throw Problems.badRequest(
                    "warrantyEnd: " + warrantyEnd + " is before the installation date " + installDate);
        }
    }

    /** The asset of the tenant, or 404 (also when it belongs to another tenant). */
    static Uni<Asset> find(String tenant, String id) {
        return Asset.<Asset>findById(new TenantKey(tenant, id))
                .onItem()
                .ifNull()
                .failWith(() -> notFound(id));
    }

    static RuntimeException notFound(String id) {
        return Problems.notFound("asset '" + id + "' not found");
    }
}
