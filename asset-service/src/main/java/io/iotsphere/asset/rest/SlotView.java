package io.iotsphere.asset.rest;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A slot and its stock. {@code price} is the slot's own price, else the product's. {@code restockNeeded}: an alert was
 * published and the slot has not been restocked since.
 */
public record SlotView(
        String slot,
        String productId,
        String productName,
        int capacity,
        int quantity,
        BigDecimal price,
        String currency,
        Integer restockThreshold,
        boolean belowThreshold,
        boolean restockNeeded,
        Instant levelAt,
        Instant lastSaleAt,
        Instant updatedAt,
        long version) {}
