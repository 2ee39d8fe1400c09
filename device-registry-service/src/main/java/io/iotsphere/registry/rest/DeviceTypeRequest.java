package io.iotsphere.registry.rest;

import io.iotsphere.contracts.device.Capabilities;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A device type definition; {@code id} is taken from the path on update. */
public record DeviceTypeRequest(
        @Pattern(regexp = Validation.TYPE_ID, message = Validation.TYPE_ID_MESSAGE)
        String id,

        @NotBlank(message = "is required") @Size(max = 128) String displayName,
        @Size(max = 1024) String description,
        @NotNull(message = "is required") Capabilities capabilities) {}
