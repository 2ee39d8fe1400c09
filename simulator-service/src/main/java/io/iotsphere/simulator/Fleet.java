package io.iotsphere.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * A fleet as persisted in the data dir: its scenario, where it stands and its devices with their credentials (the
 * simulator is these devices: it keeps their secrets so that a restart needs no new registration).
 *
 * @param simulatedTime how far the simulation got (saved at each stop and periodically while it runs)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fleet(
        String id,
        String tenant,
        Scenario scenario,
        Status status,
        String reason,
        Instant createdAt,
        Instant updatedAt,
        Instant simulatedTime,
        List<Device> devices) {

    public enum Status {
        PROVISIONING,
        RUNNING,
        STOPPED,
        BACKFILLING,
        COMPLETED,
        FAILED
    }

    /** A simulated device: its place in the fleet (the seed's device index), identity and secret. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Device(int index, String id, String type, String manufacturer, String profile, String secret) {

        public Device withSecret(String value) {
            return new Device(index, id, type, manufacturer, profile, value);
        }
    }

    public Fleet with(Status newStatus, String newReason, Instant at) {
        return new Fleet(id, tenant, scenario, newStatus, newReason, createdAt, at, simulatedTime, devices);
    }

    public Fleet withDevices(List<Device> newDevices, Instant at) {
        return new Fleet(id, tenant, scenario, status, reason, createdAt, at, simulatedTime, newDevices);
    }

    public Fleet withSimulatedTime(Instant t, Instant at) {
        return new Fleet(id, tenant, scenario, status, reason, createdAt, at, t, devices);
    }

    public boolean provisioned() {
        return devices.stream().allMatch(d -> d.secret() != null);
    }
}
