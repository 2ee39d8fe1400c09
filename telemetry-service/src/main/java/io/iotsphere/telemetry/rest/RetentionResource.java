package io.iotsphere.telemetry.rest;

import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.iotsphere.telemetry.Retention;
import io.iotsphere.telemetry.Violation;
import io.iotsphere.telemetry.config.TelemetryConfig;
import io.iotsphere.telemetry.service.RetentionService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's tenant's retention of raw readings and rollups. */
@Path("/api/v1/telemetry/retention")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Retention")
public class RetentionResource {

    /** The retention asked for; a missing (null) value means the platform's default. */
    public record Settings(Integer rawDays, Integer rollupDays) {}

    @Inject
    Caller caller;

    @Inject
    RetentionService retention;

    @Inject
    TelemetryConfig config;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(summary = "The tenant's retention of raw readings and rollups")
    public Uni<Retention> get() {
        return retention.of(caller.tenant());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Set the tenant's retention",
            description = "Days raw readings (whole day partitions) and rollups are kept; null keeps the default."
                    + " Expired partitions are dropped within the hour; readings older than the raw retention are"
                    + " refused from now on.")
    public Uni<Retention> put(Settings settings) {
        if (settings == null) {
            throw Problems.badRequest("body", List.of(new Violation("/", "required")), "a body is required");
        }
        List<Violation> violations = new ArrayList<>();
        int maxRaw = config.retention().maxRawDays();
        int maxRollup = config.retention().maxRollupDays();
        if (settings.rawDays() != null && (settings.rawDays() < 1 || settings.rawDays() > maxRaw)) {
            violations.add(new Violation("/rawDays", "must be between 1 and " + maxRaw));
        }
        if (settings.rollupDays() != null && (settings.rollupDays() < 1 || settings.rollupDays() > maxRollup)) {
            violations.add(new Violation("/rollupDays", "must be between 1 and " + maxRollup));
        }
        int raw = settings.rawDays() == null ? config.retention().rawDays() : settings.rawDays();
        int rollup = settings.rollupDays() == null ? config.retention().rollupDays() : settings.rollupDays();
        if (violations.isEmpty() && rollup < raw) {
            violations.add(new Violation(
                    "/rollupDays",
                    "rollups (" + rollup + " days) cannot be kept for less than raw readings (" + raw + ")"));
        }
        if (!violations.isEmpty()) {
            throw Problems.badRequest("body", violations, "invalid retention");
        }
        return retention.set(caller.tenant(), settings.rawDays(), settings.rollupDays());
    }
}
