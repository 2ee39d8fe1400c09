package io.iotsphere.asset.rest;

/** A slot below its restock threshold, with its machine, for a restocking round. */
public record RestockNeededView(
        String assetId,
        String assetName,
        LocationSummary location,
        String slot,
        String productId,
        String productName,
        int quantity,
        int restockThreshold,
        int capacity) {}
