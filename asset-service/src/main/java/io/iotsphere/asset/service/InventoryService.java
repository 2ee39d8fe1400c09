package io.iotsphere.asset.service;

import io.iotsphere.asset.Asset;
import io.iotsphere.asset.InventoryMovement;
import io.iotsphere.asset.Product;
import io.iotsphere.asset.SlotKey;
import io.iotsphere.asset.VendingSlot;
import io.iotsphere.asset.config.AssetConfig;
import io.iotsphere.asset.messaging.AssetEvents;
import io.iotsphere.asset.rest.MovementView;
import io.iotsphere.asset.rest.RestockRequest;
import io.iotsphere.asset.rest.SlotRequest;
import io.iotsphere.asset.rest.SlotView;
import io.iotsphere.commons.persistence.TenantKey;
import io.iotsphere.commons.rest.Page;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.rest.Problems;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.inventory.RestockNeeded;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.iotsphere.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Slots and stock of vending machines: configuration by users, sales and counts from the machines' telemetry,
 * restocks. Every change takes the machine's slots with a row lock, applies {@link SlotLedger}'s rules, writes the
 * ledger lines and, in the same transaction, the restock alerts it opened (outbox), so that an alert is published
 * exactly when its fall is stored.
 */
@ApplicationScoped
public class InventoryService {

    /** What applying a telemetry event did. */
    public enum Applied {
        APPLIED,
        DUPLICATE,
        IGNORED
    }

    /** A configured slot, and whether the request created it. */
    public record Configured(SlotView slot, boolean created) {}

    private static final String SALES = "sales.";
    private static final String INVENTORY = "inventory.";

    @Inject
    Outbox outbox;

    @Inject
    AssetConfig config;

    @Inject
    MeterRegistry metrics;

    /**
     * Applies the sales and counts of a vending machine's telemetry event, once: the event id is remembered in the same
     * transaction, so a redelivered event changes nothing. Events of unknown or retired machines are ignored.
     */
    public Uni<Applied> applyTelemetry(String tenant, String eventId, TelemetryRecorded t) {
        List<Reading> readings = new ArrayList<>(t.readings());
        readings.sort(Comparator.comparing(Reading::ts));
        Uni<Applied> applied = Panache.withTransaction(() -> Asset.<Asset>findById(new TenantKey(tenant, t.deviceId()))
                .chain(machine -> {
                    if (machine == null || !machine.isVendingMachine() || machine.decommissioned()) {
                        return Uni.createFrom().item(Applied.IGNORED);
                    }
                    return remember(eventId).chain(fresh -> {
                        if (!fresh) {
                            return Uni.createFrom().item(Applied.DUPLICATE);
                        }
                        return lockedSlots(tenant, machine.id).chain(slots -> {
                            SlotLedger ledger =
                                    new SlotLedger(tenant, machine.id, slots, SlotLedger.TELEMETRY, eventId);
                            for (Reading reading : readings) {
                                apply(ledger, reading);
                            }
                            metrics.counter("iotsphere_inventory_units_sold_total")
                                    .increment(ledger.unitsSold());
                            metrics.counter("iotsphere_inventory_clamped_total").increment(ledger.clamped());
                            return commit(machine, ledger).replaceWith(Applied.APPLIED);
                        });
                    });
                }));
        return applied.invoke(result -> metrics.counter(
                                "iotsphere_inventory_telemetry_events_total",
                                "outcome",
                                result.name().toLowerCase())
                        .increment())
                .invoke(outbox::flushSoon);
    }

    /** Sales before counts: a count in the same reading is the level after its sales. */
    private static void apply(SlotLedger ledger, Reading reading) {
        reading.values().forEach((metric, value) -> {
            if (metric.startsWith(SALES) && value != null) {
                ledger.sale(metric.substring(SALES.length()), value, reading.ts());
            }
        });
        reading.values().forEach((metric, value) -> {
            if (metric.startsWith(INVENTORY) && value != null) {
                ledger.count(metric.substring(INVENTORY.length()), value, reading.ts());
            }
        });
    }

    public Uni<List<SlotView>> slots(String tenant, String assetId) {
        return Panache.withSession(() -> machine(tenant, assetId)
                .chain(() ->
                        VendingSlot.<VendingSlot>list("tenant = ?1 and assetId = ?2", Sort.by("slot"), tenant, assetId))
                .chain(slots -> views(tenant, slots)));
    }

    /** Creates or replaces the configuration of a slot (see {@link SlotRequest}). */
    public Uni<Configured> configure(String tenant, String actor, String assetId, String slotId, SlotRequest r) {
        if ((r.price() == null) != (r.currency() == null)) {
            throw Problems.badRequest("price and currency go together: give both or neither");
        }
        if (r.restockThreshold() != null && r.restockThreshold() > r.capacity()) {
            throw Problems.badRequest(
                    "restockThreshold: " + r.restockThreshold() + " is more than the capacity " + r.capacity());
        }
        if (r.quantity() != null && r.quantity() > r.capacity()) {
            throw Problems.badRequest("quantity: " + r.quantity() + " is more than the capacity " + r.capacity());
        }
        Uni<Configured> configured = Panache.withTransaction(() -> writableMachine(tenant, assetId)
                .chain(machine -> product(tenant, r.productId())
                        .chain(product -> VendingSlot.<VendingSlot>findById(
                                        new SlotKey(tenant, assetId, slotId), LockModeType.PESSIMISTIC_WRITE)
                                .chain(existing -> {
                                    Instant now = Instant.now();
                                    boolean created = existing == null;
                                    SlotLedger ledger = new SlotLedger(tenant, assetId, List.of(), actor, null);
                                    VendingSlot s = created ? new VendingSlot() : existing;
                                    if (created) {
                                        s.tenant = tenant;
                                        s.assetId = assetId;
                                        s.slot = slotId;
                                        s.quantity = 0;
                                        s.levelAt = now;
                                        s.createdAt = now;
                                    }
                                    if (r.quantity() != null && (created || r.quantity() != s.quantity)) {
                                        ledger.correct(s, created ? null : s.quantity, r.quantity(), now);
                                    } else if (r.quantity() != null) {
                                        s.levelAt = now;
                                    } else if (s.quantity > r.capacity()) {
                                        throw Problems.conflict("slot '" + slotId + "' holds " + s.quantity
                                                + " units, more than the new capacity " + r.capacity()
                                                + ": give its quantity too");
                                    }
                                    s.productId = r.productId();
                                    s.capacity = r.capacity();
                                    s.price = r.price();
                                    s.currency = r.currency();
                                    s.restockThreshold = r.restockThreshold();
                                    s.updatedAt = now;
                                    ledger.touch(s, now);
                                    Uni<Void> saved = created
                                            ? countSlots(tenant, assetId).chain(count -> {
                                                if (count >= config.inventory().maxSlots()) {
                                                    throw Problems.conflict("asset '" + assetId + "' already has "
                                                            + count + " slots, the most a machine may have");
                                                }
                                                return s.persist().replaceWithVoid();
                                            })
                                            : Uni.createFrom().voidItem();
                                    Map<String, Product> products =
                                            product == null ? Map.of() : Map.of(product.id, product);
                                    return saved.chain(() -> commit(machine, ledger, products))
                                            .chain(() -> Panache.flush())
                                            .replaceWith(() -> new Configured(view(s, product), created));
                                }))));
        return configured.invoke(outbox::flushSoon);
    }

    public Uni<Void> deleteSlot(String tenant, String assetId, String slotId) {
        return Panache.withTransaction(() -> writableMachine(tenant, assetId)
                .chain(() -> VendingSlot.<VendingSlot>findById(new SlotKey(tenant, assetId, slotId)))
                .onItem()
                .ifNull()
                .failWith(() -> slotNotFound(assetId, slotId))
                .chain(s -> s.delete()));
    }

    /** A restock: units added to named slots, or every slot filled; all or nothing. */
    public Uni<List<SlotView>> restock(String tenant, String actor, String assetId, RestockRequest r) {
        boolean fill = Boolean.TRUE.equals(r.fill());
        if (fill == (r.items() != null)) {
            throw Problems.badRequest("give either items (units added per slot) or fill: true (every slot filled)");
        }
        if (!fill) {
            Set<String> seen = new HashSet<>();
            for (RestockRequest.Item item : r.items()) {
                if (!seen.add(item.slot())) {
                    throw Problems.badRequest("items: slot '" + item.slot() + "' appears more than once");
                }
            }
        }
        return Panache.withTransaction(() -> writableMachine(tenant, assetId)
                        .chain(machine -> lockedSlots(tenant, assetId).chain(slots -> {
                            Instant now = Instant.now();
                            SlotLedger ledger = new SlotLedger(tenant, assetId, slots, actor, null);
                            if (fill) {
                                slots.forEach(s -> ledger.fill(s, now));
                            } else {
                                Map<String, VendingSlot> byId = new HashMap<>();
                                slots.forEach(s -> byId.put(s.slot, s));
                                for (RestockRequest.Item item : r.items()) {
                                    VendingSlot s = byId.get(item.slot());
                                    if (s == null) {
                                        throw Problems.badRequest("items: slot '" + item.slot()
                                                + "' is not configured on '" + assetId + "'");
                                    }
                                    if (s.quantity + item.units() > s.capacity) {
                                        throw Problems.conflict("slot '" + s.slot + "' holds " + s.quantity + " of "
                                                + s.capacity + ": " + item.units()
                                                + " more do not fit; nothing was restocked");
                                    }
                                    ledger.restock(s, item.units(), now);
                                }
                            }
                            return commit(machine, ledger)
                                    .chain(() -> Panache.flush())
                                    .chain(() -> views(tenant, slots));
                        })))
                .invoke(outbox::flushSoon);
    }

    public Uni<Page<MovementView>> movements(
            String tenant, String assetId, String slot, String kind, PageRequest page) {
        StringBuilder where = new StringBuilder("tenant = :tenant and assetId = :asset");
        Map<String, Object> params = new HashMap<>(Map.of("tenant", tenant, "asset", assetId));
        if (slot != null) {
            where.append(" and slot = :slot");
            params.put("slot", slot);
        }
        if (kind != null) {
            where.append(" and kind = :kind");
            params.put("kind", kind);
        }
        return Panache.withSession(() -> machine(tenant, assetId).chain(() -> {
            var query = InventoryMovement.<InventoryMovement>find(
                            where.toString(), Sort.descending("at", "seq"), params)
                    .page(io.quarkus.panache.common.Page.of(page.page, page.size));
            return query.list()
                    .chain(items -> query.count()
                            .map(total ->
                                    Page.of(items.stream().map(MovementView::of).toList(), page, total)));
        }));
    }

    /** Writes the ledger lines and the alerts of the slots that fell below their threshold. */
    private Uni<Void> commit(Asset machine, SlotLedger ledger) {
        return commit(machine, ledger, null);
    }

    private Uni<Void> commit(Asset machine, SlotLedger ledger, Map<String, Product> knownProducts) {
        Map<VendingSlot, Instant> opened = ledger.settle();
        Uni<Void> lines = ledger.movements().isEmpty()
                ? Uni.createFrom().voidItem()
                : InventoryMovement.persist(ledger.movements());
        if (opened.isEmpty()) {
            return lines;
        }
        metrics.counter("iotsphere_inventory_restock_alerts_total").increment(opened.size());
        Set<String> productIds = new HashSet<>();
        opened.keySet().forEach(s -> {
            if (s.productId != null) {
                productIds.add(s.productId);
            }
        });
        Uni<Map<String, Product>> products = knownProducts != null || productIds.isEmpty()
                ? Uni.createFrom().item(knownProducts == null ? Map.of() : knownProducts)
                : products(machine.tenant, productIds);
        return lines.chain(() -> products).chain(byId -> {
            List<CloudEvent<RestockNeeded>> alerts = new ArrayList<>();
            opened.forEach((s, at) -> {
                Product p = s.productId == null ? null : byId.get(s.productId);
                alerts.add(AssetEvents.restockNeeded(machine, s, p == null ? null : p.name, at));
            });
            return outbox.addAll(Topics.ASSET_EVENTS, alerts);
        });
    }

    /** Remembers a telemetry event id; false when it was already applied. */
    private static Uni<Boolean> remember(String eventId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "INSERT INTO inventory_applied_events (event_id) VALUES (:id) ON CONFLICT DO NOTHING")
                        .setParameter("id", eventId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    private static Uni<List<VendingSlot>> lockedSlots(String tenant, String assetId) {
        return VendingSlot.<VendingSlot>find("tenant = ?1 and assetId = ?2", Sort.by("slot"), tenant, assetId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    private static Uni<Long> countSlots(String tenant, String assetId) {
        return VendingSlot.count("tenant = ?1 and assetId = ?2", tenant, assetId);
    }

    /** The tenant's vending machine; 404 when it has no such asset, 409 when the asset is no vending machine. */
    static Uni<Asset> machine(String tenant, String assetId) {
        return AssetService.find(tenant, assetId).invoke(a -> {
            if (!a.isVendingMachine()) {
                throw Problems.conflict(
                        "asset '" + assetId + "' is a " + a.type + ": only vending machines have slots");
            }
        });
    }

    private static Uni<Asset> writableMachine(String tenant, String assetId) {
        return machine(tenant, assetId).invoke(a -> {
            if (a.decommissioned()) {
                throw Problems.conflict("vending machine '" + assetId + "' is decommissioned");
            }
        });
    }

    private static Uni<Product> product(String tenant, String productId) {
        if (productId == null) {
            return Uni.createFrom().nullItem();
        }
        return Product.<Product>findById(new TenantKey(tenant, productId))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.badRequest("productId: product '" + productId + "' not found"));
    }

    private static Uni<Map<String, Product>> products(String tenant, Set<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Product.<Product>list("tenant = ?1 and id in ?2", tenant, ids).map(list -> {
            Map<String, Product> byId = new HashMap<>();
            list.forEach(p -> byId.put(p.id, p));
            return byId;
        });
    }

    private static Uni<List<SlotView>> views(String tenant, List<VendingSlot> slots) {
        Set<String> ids = new HashSet<>();
        slots.forEach(s -> {
            if (s.productId != null) {
                ids.add(s.productId);
            }
        });
        return products(tenant, ids)
                .map(byId -> slots.stream()
                        .map(s -> view(s, s.productId == null ? null : byId.get(s.productId)))
                        .toList());
    }

    static SlotView view(VendingSlot s, Product p) {
        BigDecimal price = s.price;
        String currency = s.currency;
        if (price == null && p != null) {
            price = p.unitPrice;
            currency = p.currency;
        }
        return new SlotView(
                s.slot,
                s.productId,
                p == null ? null : p.name,
                s.capacity,
                s.quantity,
                price,
                currency,
                s.restockThreshold,
                s.belowThreshold(),
                s.alertOpen,
                s.levelAt,
                s.lastSaleAt,
                s.updatedAt,
                s.version);
    }

    static RuntimeException slotNotFound(String assetId, String slotId) {
        return Problems.notFound("slot '" + slotId + "' of '" + assetId + "' not found");
    }
}
