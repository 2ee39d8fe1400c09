package io.iotsphere.simulator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.iotsphere.simulator.Fleet;
import io.iotsphere.simulator.model.FaultLabel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Fault labels as CSV or JSON, for download and as files next to a fleet. */
public final class Labels {

    private Labels() {}

    public static String csv(List<FaultLabel> labels) {
        StringBuilder sb = new StringBuilder("device_id,fault,onset,failure\n");
        for (FaultLabel l : labels) {
            sb.append(l.deviceId())
                    .append(',')
                    .append(l.fault())
                    .append(',')
                    .append(l.onset())
                    .append(',')
                    .append(l.failure() == null ? "" : l.failure().toString())
                    .append('\n');
        }
        return sb.toString();
    }

    static void export(FleetService service, Fleet fleet, List<FaultLabel> labels) {
        try {
            service.store()
                    .writeExport(
                            fleet.tenant(),
                            fleet.id(),
                            "labels.csv",
                            csv(labels).getBytes(StandardCharsets.UTF_8));
            service.store()
                    .writeExport(
                            fleet.tenant(),
                            fleet.id(),
                            "labels.json",
                            service.mapper().writeValueAsBytes(Map.of("fleetId", fleet.id(), "labels", labels)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
