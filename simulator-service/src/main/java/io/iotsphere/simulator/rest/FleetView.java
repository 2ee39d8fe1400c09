package io.iotsphere.simulator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.iotsphere.simulator.Fleet;
import io.iotsphere.simulator.Scenario;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A fleet as the API shows it: never the devices' secrets. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetView(
        String id,
        String tenant,
        String name,
        String status,
        String reason,
        int devices,
        Map<String, Integer> devicesByType,
        Instant simulatedTime,
        long readingsSent,
        Instant createdAt,
        Instant updatedAt,
        Scenario scenario) {

    static FleetView of(Fleet f, Instant simulatedTime, long readingsSent) {
        Map<String, Integer> byType = new TreeMap<>();
        f.devices().forEach(d -> byType.merge(d.type(), 1, Integer::sum));
        return new FleetView(
                f.id(),
                f.tenant(),
                f.scenario().name(),
                f.status().name().toLowerCase(),
                f.reason(),
                f.devices().size(),
                byType,
                simulatedTime,
                readingsSent,
                f.createdAt(),
                f.updatedAt(),
                f.scenario());
    }
}
