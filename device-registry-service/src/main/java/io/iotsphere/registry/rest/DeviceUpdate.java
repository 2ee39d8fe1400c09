package io.iotsphere.registry.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A change to a device: the fields present replace the stored ones, absent (null) fields stay. {@code version}, when
 * given, must be the stored version (optimistic concurrency), or the change is refused with 409.
 */
public record DeviceUpdate(
        @Size(max = 256) String name,
        @Size(max = 128) String manufacturer,
        @Size(max = 128) String model,
        @Size(max = 128) String serialNumber,
        @Size(max = 32) List<@NotNull @Pattern(regexp = Validation.TAG, message = Validation.TAG_MESSAGE) String> tags,

        @Size(max = 64)
        Map<
                        @Pattern(
                                regexp = Validation.ATTRIBUTE_KEY,
                                message = "attribute names " + Validation.TAG_MESSAGE)
                        String,
                        @NotNull @Size(max = 1024) String>
                attributes,

        Long version) {}
