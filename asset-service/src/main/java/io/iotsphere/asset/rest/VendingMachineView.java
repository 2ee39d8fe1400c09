package io.iotsphere.asset.rest;

import java.math.BigDecimal;

public record VendingMachineView(
        String locationType,
        String useType,
        String maintenancePartner,
        BigDecimal cashCapacity,
        InventorySummary inventory) {}
