package io.iotsphere.telemetry.rest;

import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.iotsphere.telemetry.FleetSeries;
import io.iotsphere.telemetry.config.TelemetryConfig;
import io.iotsphere.telemetry.service.QueryService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A metric aggregated over the caller's tenant's fleet. */
@Path("/api/v1/telemetry/fleet")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Fleet telemetry")
public class FleetResource {

    private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");

    @Inject
    Caller caller;

    @Inject
    QueryService queries;

    @Inject
    TelemetryConfig config;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(
            summary = "A metric over the fleet",
            description = "Buckets aligned on the interval (default 1h) aggregating the metric over all the tenant's"
                    + " devices, or those of deviceType, with the number of readings and devices in each.")
    public Uni<FleetSeries> fleet(
            @QueryParam("metric") String metric,
            @QueryParam("deviceType") String deviceType,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("interval") String interval,
            @QueryParam("agg") String agg) {
        String name = QueryParameters.metric(metric);
        if (deviceType != null && !TYPE.matcher(deviceType).matches()) {
            throw Problems.badParameter("deviceType", "'" + deviceType + "' is not a device type id");
        }
        QueryParameters.Range range =
                QueryParameters.range(from, to, config.query().defaultRange());
        Duration step = QueryParameters.interval(interval);
        if (step == null) {
            step = Duration.ofHours(1);
        }
        QueryService.Agg aggregation = QueryParameters.agg(agg, step);
        return queries.fleet(caller.tenant(), deviceType, name, range.from(), range.to(), step, aggregation);
    }
}
