package io.iotsphere.asset.rest;

import io.iotsphere.asset.Product;
import java.math.BigDecimal;
import java.time.Instant;

public record ProductView(
        String id,
        String name,
        String category,
        String description,
        BigDecimal unitPrice,
        String currency,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static ProductView of(Product p) {
        return new ProductView(
                p.id, p.name, p.category, p.description, p.unitPrice, p.currency, p.createdAt, p.updatedAt, p.version);
    }
}
