package io.iotsphere.asset.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A change to a location, as a JSON merge patch (named fields replace, {@code null} clears, others stay). A new
 * {@code parentId} moves the location and everything under it. {@code version}, when given, must be the stored one.
 */
public record LocationChange(
        @Size(min = 1, max = 128) String name,

        @Pattern(regexp = Validation.UUID, message = Validation.UUID_MESSAGE)
        String parentId,

        @Size(max = 256) String address,
        @Size(max = 128) String city,

        @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166 code of two capital letters")
        String country,

        @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @Size(max = 64) String timezone,
        Long version) {}
