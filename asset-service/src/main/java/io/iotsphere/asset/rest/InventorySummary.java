package io.iotsphere.asset.rest;

/** A vending machine's stock at a glance. */
public record InventorySummary(int slots, int capacity, int units, int slotsBelowThreshold, int emptySlots) {

    public static final InventorySummary NONE = new InventorySummary(0, 0, 0, 0, 0);
}
