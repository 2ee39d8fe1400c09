package io.iotsphere.asset.service;

import io.iotsphere.asset.MaintenanceRecord;
import io.iotsphere.asset.TenantUuidKey;
import io.iotsphere.asset.rest.MaintenanceRequest;
import io.iotsphere.asset.rest.MaintenanceView;
import io.iotsphere.commons.rest.Page;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.rest.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Maintenance records of assets. The asset's {@code lastMaintenance} follows its records in the same transaction (its
 * version moves too, so that a concurrent change of the asset cannot write back an older date).
 */
@ApplicationScoped
public class MaintenanceService {

    /** The filters of the maintenance lists; null = no filter. */
    public record Filter(String type, LocalDate from, LocalDate to, String assetType) {}

    private static final String LAST_MAINTENANCE = """
            UPDATE assets SET
                last_maintenance = (SELECT max(performed_on) FROM maintenance_records m
                                     WHERE m.tenant = :tenant AND m.asset_id = :asset),
                updated_at = now(), version = version + 1
            WHERE tenant = :tenant AND id = :asset
            """;

    public Uni<MaintenanceView> add(String tenant, String actor, String assetId, MaintenanceRequest r) {
        if (r.performedOn().isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
            throw Problems.badRequest(
                    "performedOn: " + r.performedOn() + " is in the future; record maintenance once it was done");
        }
        if ((r.cost() == null) != (r.currency() == null)) {
            throw Problems.badRequest("cost and currency go together: give both or neither");
        }
        return Panache.withTransaction(() -> AssetService.find(tenant, assetId).chain(asset -> {
            MaintenanceRecord m = new MaintenanceRecord();
            m.tenant = tenant;
            m.id = UUID.randomUUID();
            m.assetId = assetId;
            m.performedOn = r.performedOn();
            m.kind = r.type();
            m.cost = r.cost();
            m.currency = r.currency();
            m.notes = r.notes();
            m.performedBy = r.performedBy();
            m.recordedBy = actor;
            m.createdAt = Instant.now();
            return m.<MaintenanceRecord>persist()
                    .call(() -> refreshLastMaintenance(tenant, assetId))
                    .map(MaintenanceView::of);
        }));
    }

    public Uni<MaintenanceView> get(String tenant, String assetId, String recordId) {
        return Panache.withSession(() -> find(tenant, assetId, recordId)).map(MaintenanceView::of);
    }

    /** Deletes a record entered by mistake. */
    public Uni<Void> delete(String tenant, String assetId, String recordId) {
        return Panache.withTransaction(() -> find(tenant, assetId, recordId)
                .chain(m -> m.delete())
                .call(() -> refreshLastMaintenance(tenant, assetId)));
    }

    /** Records of one asset, newest first. */
    public Uni<Page<MaintenanceView>> ofAsset(String tenant, String assetId, Filter filter, PageRequest page) {
        return Panache.withSession(
                () -> AssetService.find(tenant, assetId).chain(() -> list(tenant, assetId, filter, page)));
    }

    /** Records of every asset of the tenant, newest first: what the prediction service learns from. */
    public Uni<Page<MaintenanceView>> ofTenant(String tenant, Filter filter, PageRequest page) {
        return Panache.withSession(() -> list(tenant, null, filter, page));
    }

    private static Uni<Page<MaintenanceView>> list(String tenant, String assetId, Filter f, PageRequest page) {
        StringBuilder where = new StringBuilder("tenant = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant);
        if (assetId != null) {
            where.append(" and assetId = :asset");
            params.put("asset", assetId);
        }
        if (f.type() != null) {
            where.append(" and kind = :kind");
            params.put("kind", f.type());
        }
        if (f.from() != null) {
            where.append(" and performedOn >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            where.append(" and performedOn <= :to");
            params.put("to", f.to());
        }
        if (f.assetType() != null) {
            where.append(" and assetId in (select a.id from Asset a where a.tenant = :tenant and a.type = :assetType)");
            params.put("assetType", f.assetType());
        }
        var query = MaintenanceRecord.<MaintenanceRecord>find(
                        where.toString(), Sort.descending("performedOn", "createdAt"), params)
                .page(io.quarkus.panache.common.Page.of(page.page, page.size));
        return query.list()
                .chain(items -> query.count()
                        .map(total ->
                                Page.of(items.stream().map(MaintenanceView::of).toList(), page, total)));
    }

    private static Uni<MaintenanceRecord> find(String tenant, String assetId, String recordId) {
        UUID id = LocationService.uuid(recordId);
        Uni<MaintenanceRecord> record = id == null
                ? Uni.createFrom().nullItem()
                : MaintenanceRecord.<MaintenanceRecord>findById(new TenantUuidKey(tenant, id));
        return AssetService.find(tenant, assetId)
                .chain(() -> record)
                .onItem()
                .ifNull()
                .failWith(() -> notFound(recordId))
                .invoke(m -> {
                    if (!m.assetId.equals(assetId)) {
                        throw notFound(recordId);
                    }
                });
    }

    /** Flushes the session first, so that the record just added or removed counts. */
    private static Uni<Integer> refreshLastMaintenance(String tenant, String assetId) {
        return Panache.flush()
                .chain(() -> Panache.getSession())
                .chain(session -> session.createNativeQuery(LAST_MAINTENANCE)
                        .setParameter("tenant", tenant)
                        .setParameter("asset", assetId)
                        .executeUpdate());
    }

    private static RuntimeException notFound(String recordId) {
        return Problems.notFound("maintenance record '" + recordId + "' not found");
    }
}
