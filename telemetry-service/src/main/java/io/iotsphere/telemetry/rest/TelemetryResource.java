package io.iotsphere.telemetry.rest;

import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.iotsphere.telemetry.LatestValues;
import io.iotsphere.telemetry.Series;
import io.iotsphere.telemetry.config.TelemetryConfig;
import io.iotsphere.telemetry.service.IngestionService;
import io.iotsphere.telemetry.service.IngestionService.Refused;
import io.iotsphere.telemetry.service.QueryService;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

/** A device's telemetry: ingestion over HTTP, latest values, a metric over time. */
@Path("/api/v1/devices/{id}/telemetry")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Device telemetry")
public class TelemetryResource {

    private static final Logger LOG = Logger.getLogger(TelemetryResource.class);

    /** How many readings of a payload were accepted. */
    public record Accepted(String deviceId, int accepted) {}

    @Inject
    Caller caller;

    @Inject
    IngestionService ingestion;

    @Inject
    QueryService queries;

    @Inject
    TelemetryConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE})
    @Operation(
            summary = "Send readings",
            description = "One reading {\"ts\", \"values\"} or a batch {\"readings\": [...]}, in the manufacturer's"
                    + " field names and units. Accepted whole (202) or refused whole with every problem listed.")
    public Uni<RestResponse<Accepted>> ingest(@PathParam("id") String id, byte[] body) {
        if (!caller.mayActFor(id)) {
            throw Problems.forbidden("a device token may only send its own device's telemetry");
        }
        return ingestion
                .ingestHttp(caller.tenant(), id, body)
                .map(accepted -> RestResponse.accepted(new Accepted(id, accepted)))
                .onFailure()
                .transform(TelemetryResource::problem);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(
            summary = "A metric over time",
            description = "Raw readings (no interval; paged with limit and next) or buckets aligned on the interval"
                    + " (30s, 5m, 1h, 1d...) aggregated with agg=avg|min|max|sum|count. A keyed field without key"
                    + " (sales) aggregates all its keys. Long ranges are read from the hourly and daily rollups.")
    public Uni<Series> series(
            @PathParam("id") String id,
            @QueryParam("metric") String metric,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("interval") String interval,
            @QueryParam("agg") String agg,
            @QueryParam("limit") Integer limit) {
        String name = QueryParameters.metric(metric);
        QueryParameters.Range range =
                QueryParameters.range(from, to, config.query().defaultRange());
        Duration step = QueryParameters.interval(interval);
        QueryService.Agg aggregation = QueryParameters.agg(agg, step);
        int max = QueryParameters.limit(
                limit, config.query().defaultPoints(), config.query().maxPoints());
        return queries.series(caller.tenant(), id, name, range.from(), range.to(), step, aggregation, max);
    }

    @GET
    @Path("latest")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(summary = "The latest value of each metric of the device")
    public Uni<LatestValues> latest(@PathParam("id") String id) {
        return queries.latest(caller.tenant(), id);
    }

    private static Throwable problem(Throwable failure) {
        if (failure instanceof HttpProblem) {
            return failure;
        }
        if (failure instanceof Refused refused) {
            return switch (refused.reason()) {
                case UNKNOWN_DEVICE -> Problems.notFound(refused.getMessage());
                case DECOMMISSIONED, UNKNOWN_TYPE -> Problems.conflict(refused.getMessage());
                default -> Problems.badRequest("body", refused.violations(), refused.getMessage());
            };
        }
        // The device look-up or Kafka failed: the client may send the same readings again.
        LOG.warnf("readings not accepted: %s", failure.toString());
        return Problems.unavailable("the readings could not be accepted now; send them again");
    }
}
