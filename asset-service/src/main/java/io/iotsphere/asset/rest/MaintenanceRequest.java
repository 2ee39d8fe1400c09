package io.iotsphere.asset.rest;

import io.iotsphere.asset.MaintenanceRecord;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Maintenance done on an asset. {@code cost} and {@code currency} go together. */
public record MaintenanceRequest(
        @NotNull(message = "is required") @PlausibleDate LocalDate performedOn,

        @NotNull(message = "is required")
        @Pattern(
                regexp = MaintenanceRecord.TYPES,
                message =
                        "must be one of anode-replacement, flush, element-replacement, valve-replacement, inspection, repair, other")
        String type,

        @DecimalMin(value = "0", message = "must be 0 or more")
        @DecimalMax(value = "1000000000", message = "must be at most 1000000000")
        @Digits(integer = 10, fraction = 2, message = "must have at most two decimals")
        BigDecimal cost,

        @Pattern(regexp = Validation.CURRENCY, message = Validation.CURRENCY_MESSAGE)
        String currency,

        @Size(max = 4000) String notes,
        @Size(max = 128) String performedBy) {}
