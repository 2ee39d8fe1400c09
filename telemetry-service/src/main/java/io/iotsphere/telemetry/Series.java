package io.iotsphere.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A device's metric over a time range: raw readings ({@code interval} and {@code agg} absent; {@code next} set when
 * there are more), or aggregated buckets aligned on the interval (UTC, from the Unix epoch), each with the number of
 * readings it aggregates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Series(
        String deviceId,
        String metric,
        String unit,
        Instant from,
        Instant to,
        String interval,
        String agg,
        List<Point> points,
        Instant next) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(Instant ts, double value, Long count) {}
}
