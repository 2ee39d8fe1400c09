package io.iotsphere.contracts.device;

import java.util.List;
import java.util.Optional;

/** What a device type reports and obeys. Capabilities are data: a new device type needs no code. */
public record Capabilities(List<TelemetryField> telemetry, List<CommandSpec> commands) {

    public Capabilities {
        telemetry = telemetry == null ? List.of() : List.copyOf(telemetry);
        commands = commands == null ? List.of() : List.copyOf(commands);
    }

    public Optional<TelemetryField> field(String name) {
        return telemetry.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Optional<CommandSpec> command(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
