package io.iotsphere.asset.rest;

import io.iotsphere.asset.MaintenanceRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

public record MaintenanceView(
        String id,
        String assetId,
        LocalDate performedOn,
        String type,
        BigDecimal cost,
        String currency,
        String notes,
        String performedBy,
        String recordedBy,
        Instant createdAt) {

    public static MaintenanceView of(MaintenanceRecord r) {
        return new MaintenanceView(
                r.id.toString(),
                r.assetId,
                r.performedOn,
                r.kind,
                r.cost,
                r.currency,
                r.notes,
                r.performedBy,
                r.recordedBy,
                r.createdAt);
    }
}
