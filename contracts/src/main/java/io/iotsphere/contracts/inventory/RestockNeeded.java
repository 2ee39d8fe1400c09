package io.iotsphere.contracts.inventory;

import java.time.Instant;

/**
 * {@code io.iotsphere.inventory.restock-needed.v1}: a slot of a vending machine fell below its restock threshold.
 * Published once when the slot falls below; again only after it was back at or above the threshold (a restock).
 *
 * @param assetId the vending machine (the asset service's id: the device id for machines the registry knows)
 * @param deviceId the registry device of the machine, or null for an asset no device backs
 * @param slot the slot id, as in the telemetry keys {@code sales.<slot>} and {@code inventory.<slot>}
 * @param productId the product in the slot, or null when none is assigned
 * @param productName that product's name when the alert was raised, or null
 * @param quantity units left in the slot
 * @param threshold the slot's restock threshold: the alert fires when {@code quantity < threshold}
 * @param capacity units the slot holds when full
 * @param at when the slot fell below (the time of the reading, or of the change that caused it)
 */
public record RestockNeeded(
        String assetId,
        String deviceId,
        String slot,
        String productId,
        String productName,
        int quantity,
        int threshold,
        int capacity,
        Instant at) {}
