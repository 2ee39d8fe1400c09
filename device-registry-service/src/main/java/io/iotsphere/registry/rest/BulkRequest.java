package io.iotsphere.registry.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Devices registered together: all of them, or none. */
public record BulkRequest(
        @NotEmpty(message = "must list at least one device") List<@NotNull @Valid DeviceRequest> devices) {}
