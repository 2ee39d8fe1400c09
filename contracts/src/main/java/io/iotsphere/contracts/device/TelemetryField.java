package io.iotsphere.contracts.device;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A telemetry field of a device type: the canonical (SI) name, type and unit the platform stores, and the plausible
 * range. {@code keyed} fields carry a sub-key per instance ({@code sales.A1}, {@code inventory.A1}).
 *
 * @param type {@code number}, {@code integer} or {@code boolean} (booleans travel as 0/1)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TelemetryField(
        String name, String type, String unit, Double min, Double max, boolean keyed, String description) {}
