package io.iotsphere.registry.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** A device to register. {@code id} may be left out: the registry then makes one up. */
public record DeviceRequest(
        @Pattern(regexp = Validation.DEVICE_ID, message = Validation.DEVICE_ID_MESSAGE)
        String id,

        @NotNull(message = "is required") @Pattern(regexp = Validation.TYPE_ID, message = Validation.TYPE_ID_MESSAGE)
        String type,

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

        Boolean simulated) {}
