package io.iotsphere.asset.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** A change to a product, as a JSON merge patch; {@code version}, when given, must be the stored one. */
public record ProductChange(
        @Size(min = 1, max = 256) String name,
        @Size(max = 64) String category,
        @Size(max = 2000) String description,

        @DecimalMin(value = "0", message = "must be 0 or more")
        @DecimalMax(value = "1000000", message = "must be at most 1000000")
        @Digits(integer = 7, fraction = 2, message = "must have at most two decimals")
        BigDecimal unitPrice,

        @Pattern(regexp = Validation.CURRENCY, message = Validation.CURRENCY_MESSAGE)
        String currency,

        Long version) {}
