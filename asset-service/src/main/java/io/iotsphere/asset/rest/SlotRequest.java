package io.iotsphere.asset.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;

/**
 * The configuration of a slot, replaced whole: {@code productId}, {@code price}/{@code currency} and
 * {@code restockThreshold} left out are cleared. {@code quantity} is the level: given, it sets the units in the slot
 * (a correction, in the ledger); left out, the level stays (0 for a new slot). The restock alert fires when the level
 * falls below {@code restockThreshold}.
 */
public record SlotRequest(
        @Pattern(regexp = Validation.PRODUCT_ID, message = Validation.PRODUCT_ID_MESSAGE)
        String productId,

        @NotNull(message = "is required")
        @Min(value = 1, message = "must be at least 1")
        @Max(value = 10000, message = "must be at most 10000")
        Integer capacity,

        @Min(value = 0, message = "must be 0 or more") @Max(value = 10000, message = "must be at most 10000")
        Integer quantity,

        @DecimalMin(value = "0", message = "must be 0 or more")
        @DecimalMax(value = "1000000", message = "must be at most 1000000")
        @Digits(integer = 7, fraction = 2, message = "must have at most two decimals")
        BigDecimal price,

        @Pattern(regexp = Validation.CURRENCY, message = Validation.CURRENCY_MESSAGE)
        String currency,

        @Min(value = 1, message = "must be at least 1") @Max(value = 10000, message = "must be at most 10000")
        Integer restockThreshold) {}
