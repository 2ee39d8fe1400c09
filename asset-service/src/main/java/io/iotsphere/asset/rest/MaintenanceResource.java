package io.iotsphere.asset.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.asset.MaintenanceRecord;
import io.iotsphere.asset.service.MaintenanceService;
import io.iotsphere.commons.rest.Page;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The maintenance history of an asset. */
@Path("/api/v1/assets/{id}/maintenance")
@Tag(name = "Maintenance")
public class MaintenanceResource {

    static final String TYPE_MESSAGE =
            "must be one of anode-replacement, flush, element-replacement, valve-replacement, inspection, repair, other";

    @Inject
    MaintenanceService maintenance;

    @Inject
    Bodies bodies;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RequestBody(content = @Content(schema = @Schema(implementation = MaintenanceRequest.class)))
    public Uni<Response> add(@PathParam("id") String id, JsonNode body) {
        MaintenanceRequest request = bodies.read(body, MaintenanceRequest.class);
        return maintenance
                .add(caller.tenant(), caller.subject(), id, request)
                .map(view -> Response.created(URI.create("/api/v1/assets/" + id + "/maintenance/" + view.id()))
                        .entity(view)
                        .build());
    }

    /** The asset's records, newest first; {@code from}/{@code to} bound the date (inclusive). */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Page<MaintenanceView>> list(
            @PathParam("id") String id,
            @QueryParam("type") @Pattern(regexp = MaintenanceRecord.TYPES, message = TYPE_MESSAGE) String type,
            @QueryParam("from") @Pattern(regexp = Validation.DATE, message = Validation.DATE_MESSAGE) String from,
            @QueryParam("to") @Pattern(regexp = Validation.DATE, message = Validation.DATE_MESSAGE) String to,
            @BeanParam @Valid PageRequest page) {
        return maintenance.ofAsset(caller.tenant(), id, filter(type, from, to, null), page);
    }

    @GET
    @Path("{recordId}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<MaintenanceView> get(@PathParam("id") String id, @PathParam("recordId") String recordId) {
        return maintenance.get(caller.tenant(), id, recordId);
    }

    /** Deletes a record entered by mistake. */
    @DELETE
    @Path("{recordId}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> delete(@PathParam("id") String id, @PathParam("recordId") String recordId) {
        return maintenance
                .delete(caller.tenant(), id, recordId)
                .replaceWith(Response.noContent().build());
    }

    static MaintenanceService.Filter filter(String type, String from, String to, String assetType) {
        LocalDate fromDate = Params.date("from", from);
        LocalDate toDate = Params.date("to", to);
        Params.range("from", fromDate, "to", toDate);
        return new MaintenanceService.Filter(type, fromDate, toDate, assetType);
    }
}
