package io.iotsphere.asset.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A restock of a vending machine: either {@code items} (units added to each named slot) or {@code fill: true} (every
 * slot filled to its capacity). All or nothing: a slot that is not configured or would overflow refuses the whole
 * restock.
 */
public record RestockRequest(@Size(min = 1, max = 200) List<@NotNull @Valid Item> items, Boolean fill) {

    public record Item(
            @NotNull(message = "is required")
            @Pattern(regexp = "^[A-Za-z0-9_-]{1,32}$", message = Validation.SLOT_MESSAGE)
            String slot,

            @NotNull(message = "is required")
            @Min(value = 1, message = "must be at least 1")
            @Max(value = 10000, message = "must be at most 10000")
            Integer units) {}
}
