package io.iotsphere.asset.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An asset as the API shows it. {@code warrantyStatus}: active (ends today or later), expired, or unknown (no end
 * date). Only the block of the asset's type is present ({@code waterHeater} or {@code vendingMachine}).
 */
public record AssetView(
        String id,
        String tenant,
        String type,
        boolean deviceLinked,
        String status,
        String name,
        String manufacturer,
        String model,
        String serialNumber,
        List<String> tags,
        Map<String, String> attributes,
        LocationSummary location,
        String placement,
        LocalDate installDate,
        LocalDate warrantyEnd,
        String warrantyStatus,
        LocalDate lastMaintenance,
        @JsonInclude(JsonInclude.Include.NON_NULL) WaterHeaterDetails waterHeater,
        @JsonInclude(JsonInclude.Include.NON_NULL) VendingMachineView vendingMachine,
        Instant createdAt,
        Instant updatedAt,
        Instant decommissionedAt,
        long version) {}
