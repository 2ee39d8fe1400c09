package io.iotsphere.asset.rest;

import io.iotsphere.asset.LocationKind;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new location. An organization has no parent; a site goes under an organization, a building under a site, a room
 * under a building or a site.
 */
public record LocationRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = LocationKind.PATTERN, message = "must be organization, site, building or room")
        String kind,

        @NotBlank(message = "is required") @Size(max = 128) String name,

        @Pattern(regexp = Validation.UUID, message = Validation.UUID_MESSAGE)
        String parentId,

        @Size(max = 256) String address,
        @Size(max = 128) String city,

        @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166 code of two capital letters")
        String country,

        @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @Size(max = 64) String timezone) {}
