package io.iotsphere.telemetry;

import io.iotsphere.contracts.device.TelemetryField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A device type of the catalog, as far as telemetry is concerned: its fields by canonical name. */
public record DeviceType(String typeId, long version, Map<String, TelemetryField> fields) {

    public DeviceType {
        fields = Map.copyOf(fields);
    }

    public static DeviceType of(String typeId, long version, List<TelemetryField> telemetry) {
        Map<String, TelemetryField> byName = new LinkedHashMap<>();
        for (TelemetryField field : telemetry) {
            byName.put(field.name(), field);
        }
        return new DeviceType(typeId, version, byName);
    }

    public Optional<TelemetryField> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }
}
