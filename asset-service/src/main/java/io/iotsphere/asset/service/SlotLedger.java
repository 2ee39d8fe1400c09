package io.iotsphere.asset.service;

import io.iotsphere.asset.InventoryMovement;
import io.iotsphere.asset.VendingSlot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rules of a vending machine's stock, applied to its (locked) slots in memory. Every change of a level, and every
 * sale or count that could not change it as it says, becomes a line of the ledger with the reason:
 *
 * <ul>
 *   <li>a sale ({@code sales.<slot>}: units sold since the machine's last report) lowers the level; more units than
 *       are left clamp the level at 0 and say so; a sale of a reading no newer than the last absolute level (a count,
 *       a fill, a correction) is already in that level and changes nothing;
 *   <li>a count ({@code inventory.<slot>}: units left, as the machine reports them) sets the level, clamped to the
 *       capacity; a count older than the last absolute level is stale and ignored;
 *   <li>values that are not whole numbers of units ≥ 0 are refused, with the value in the note.
 * </ul>
 *
 * {@link #settle()} then opens the restock alert of each slot that fell below its threshold (once) and closes it for
 * slots back at or above it.
 */
final class SlotLedger {

    /** The actor of changes that come from the machines' telemetry. */
    static final String TELEMETRY = "telemetry";

    private final String tenant;
    private final String assetId;
    private final Map<String, VendingSlot> slots;
    private final String actor;
    private final String eventId;
    private final List<InventoryMovement> movements = new ArrayList<>();
    /** Slots whose level (or configuration) changed, with the time of the change. */
    private final Map<VendingSlot, Instant> touched = new LinkedHashMap<>();

    private int clamped;
    private int unitsSold;

    SlotLedger(String tenant, String assetId, List<VendingSlot> slots, String actor, String eventId) {
        this.tenant = tenant;
        this.assetId = assetId;
        this.slots = new LinkedHashMap<>();
        slots.forEach(s -> this.slots.put(s.slot, s));
        this.actor = actor;
        this.eventId = eventId;
    }

    void sale(String slotId, double value, Instant at) {
        if (value == 0) {
            return;
        }
        VendingSlot s = slots.get(slotId);
        Integer units = wholeUnits(value);
        if (units == null) {
            record(slotId, InventoryMovement.SALE, 0, level(s), level(s), refused("sales", value), at);
            return;
        }
        if (s == null) {
            record(slotId, InventoryMovement.SALE, units, null, null, "slot not configured: no level to lower", at);
            return;
        }
        if (s.lastSaleAt == null || at.isAfter(s.lastSaleAt)) {
            s.lastSaleAt = at;
        }
        unitsSold += units;
        if (!at.isAfter(s.levelAt)) {
            record(
                    slotId,
                    InventoryMovement.SALE,
                    units,
                    s.quantity,
                    s.quantity,
                    "sold before the level was last set (" + s.levelAt + "): already in it",
                    at);
            return;
        }
        int before = s.quantity;
        int after = before - units;
        String note = null;
        if (after < 0) {
            note = "clamped at 0: " + units + " sold with " + before + " left";
            after = 0;
            clamped++;
        }
        s.quantity = after;
        touched.put(s, at);
        record(slotId, InventoryMovement.SALE, units, before, after, note, at);
    }

    void count(String slotId, double value, Instant at) {
        VendingSlot s = slots.get(slotId);
        if (s == null) {
            // Counts of slots nobody configured: there is no level to set (the telemetry store keeps the reading).
            return;
        }
        Integer units = wholeUnits(value);
        if (units == null) {
            record(slotId, InventoryMovement.COUNT, 0, s.quantity, s.quantity, refused("inventory", value), at);
            return;
        }
        if (!at.isAfter(s.levelAt)) {
            if (units != s.quantity) {
                record(
                        slotId,
                        InventoryMovement.COUNT,
                        units,
                        s.quantity,
                        s.quantity,
                        "stale: older than the level set at " + s.levelAt + ", ignored",
                        at);
            }
            return;
        }
        int level = units;
        String note = null;
        if (level > s.capacity) {
            note = "clamped at the capacity " + s.capacity + ": " + units + " reported";
            level = s.capacity;
            clamped++;
        }
        int before = s.quantity;
        s.quantity = level;
        s.levelAt = at;
        touched.put(s, at);
        if (before != level || note != null) {
            record(
                    slotId,
                    InventoryMovement.COUNT,
                    units,
                    before,
                    level,
                    note != null ? note : "the machine counted " + level + " where " + before + " were expected",
                    at);
        }
    }

    /** Adds units to a slot (the caller checked they fit). */
    void restock(VendingSlot s, int units, Instant at) {
        int before = s.quantity;
        s.quantity = before + units;
        touched.put(s, at);
        record(s.slot, InventoryMovement.RESTOCK, units, before, s.quantity, null, at);
    }

    /** Fills a slot to its capacity: the level is then known absolutely. */
    void fill(VendingSlot s, Instant at) {
        int before = s.quantity;
        s.quantity = s.capacity;
        s.levelAt = at;
        touched.put(s, at);
        if (before < s.capacity) {
            record(s.slot, InventoryMovement.RESTOCK, s.capacity - before, before, s.capacity, "filled", at);
        }
    }

    /** Sets a slot's level by hand ({@code before} null for a new slot). */
    void correct(VendingSlot s, Integer before, int level, Instant at) {
        s.quantity = level;
        s.levelAt = at;
        touched.put(s, at);
        record(s.slot, InventoryMovement.CORRECTION, level, before, level, null, at);
    }

    /** A slot whose configuration (threshold, capacity) changed: its alert is settled again. */
    void touch(VendingSlot s, Instant at) {
        touched.putIfAbsent(s, at);
    }

    /**
     * Opens the alert of every changed slot now below its threshold whose alert was not open, and closes the alert of
     * those back at or above it. Returns the slots whose alert opened, with the time they fell below.
     */
    Map<VendingSlot, Instant> settle() {
        Map<VendingSlot, Instant> opened = new LinkedHashMap<>();
        touched.forEach((s, at) -> {
            if (s.belowThreshold() && !s.alertOpen) {
                s.alertOpen = true;
                opened.put(s, at);
            } else if (!s.belowThreshold() && s.alertOpen) {
                s.alertOpen = false;
            }
        });
        return opened;
    }

    List<InventoryMovement> movements() {
        return movements;
    }

    int clamped() {
        return clamped;
    }

    int unitsSold() {
        return unitsSold;
    }

    private void record(String slot, String kind, int units, Integer before, Integer after, String note, Instant at) {
        InventoryMovement m = new InventoryMovement();
        m.tenant = tenant;
        m.id = UUID.randomUUID();
        m.assetId = assetId;
        m.slot = slot;
        m.kind = kind;
        m.units = units;
        m.quantityBefore = before;
        m.quantityAfter = after;
        m.note = note;
        m.eventId = eventId;
        m.actor = actor;
        m.at = at;
        m.recordedAt = Instant.now();
        movements.add(m);
    }

    private static Integer level(VendingSlot s) {
        return s == null ? null : s.quantity;
    }

    /** The value as a whole number of units ≥ 0, or null when it is none. */
    static Integer wholeUnits(double value) {
        if (Double.isNaN(value) || value < 0 || value > 1_000_000 || value != Math.rint(value)) {
            return null;
        }
        return (int) value;
    }

    private static String refused(String metric, double value) {
        return "refused: " + metric + " value " + value + " is not a whole number of units from 0 to 1000000";
    }
}
