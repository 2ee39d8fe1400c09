package io.iotsphere.asset.rest;

import io.iotsphere.asset.InventoryMovement;
import java.time.Instant;

/** A line of the inventory ledger. {@code note} says why a sale or count did not change the level as it says. */
public record MovementView(
        String id,
        String slot,
        String kind,
        int units,
        Integer quantityBefore,
        Integer quantityAfter,
        String note,
        String eventId,
        String actor,
        Instant at,
        Instant recordedAt) {

    public static MovementView of(InventoryMovement m) {
        return new MovementView(
                m.id.toString(),
                m.slot,
                m.kind,
                m.units,
                m.quantityBefore,
                m.quantityAfter,
                m.note,
                m.eventId,
                m.actor,
                m.at,
                m.recordedAt);
    }
}
