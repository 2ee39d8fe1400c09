package io.iotsphere.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A metric aggregated over a tenant's fleet (all its devices, or those of one type) in buckets aligned on the interval:
 * each bucket with the readings and the devices it aggregates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetSeries(
        String metric,
        String deviceType,
        String unit,
        Instant from,
        Instant to,
        String interval,
        String agg,
        int devices,
        List<Point> points) {

    public record Point(Instant ts, double value, long count, long devices) {}
}
