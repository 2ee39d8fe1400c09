package io.iotsphere.asset.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.asset.AssetTypes;
import io.iotsphere.asset.repository.AssetSearch;
import io.iotsphere.asset.service.AssetService;
import io.iotsphere.commons.rest.Page;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** A tenant's water heaters and vending machines: search, reads, enrichment, hand-made assets. */
@Path("/api/v1/assets")
@Tag(name = "Assets")
public class AssetResource {

    @Inject
    AssetService assets;

    @Inject
    Bodies bodies;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RequestBody(content = @Content(schema = @Schema(implementation = AssetRequest.class)))
    public Uni<Response> create(JsonNode body) {
        AssetRequest request = bodies.read(body, AssetRequest.class);
        return assets.create(caller.tenant(), request)
                .map(view -> Response.created(URI.create("/api/v1/assets/" + view.id()))
                        .entity(view)
                        .build());
    }

    /**
     * Search. {@code location} takes everything in that location and under it (all water heaters of a site and its
     * buildings and rooms); {@code warranty} is active, expired or unknown; {@code q} looks in id, name, manufacturer,
     * model and serial number; {@code sort} is a field, '-' first for descending (missing values sort last ascending,
     * first descending).
     */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Page<AssetView>> list(
            @QueryParam("type")
                    @Pattern(regexp = AssetTypes.PATTERN, message = "must be water-heater or vending-machine")
                    String type,
            @QueryParam("status")
                    @Pattern(regexp = "active|decommissioned", message = "must be active or decommissioned")
                    String status,
            @QueryParam("manufacturer") @Size(min = 1, max = 128) String manufacturer,
            @QueryParam("model") @Size(min = 1, max = 128) String model,
            @QueryParam("location") @Pattern(regexp = Validation.UUID, message = Validation.UUID_MESSAGE)
                    String location,
            @QueryParam("installedFrom") @Pattern(regexp = Validation.DATE, message = Validation.DATE_MESSAGE)
                    String installedFrom,
            @QueryParam("installedTo") @Pattern(regexp = Validation.DATE, message = Validation.DATE_MESSAGE)
                    String installedTo,
            @QueryParam("warranty")
                    @Pattern(regexp = "active|expired|unknown", message = "must be active, expired or unknown")
                    String warranty,
            @QueryParam("q") @Size(min = 2, max = 128, message = "must be 2 to 128 characters") String text,
            @QueryParam("sort")
                    @Pattern(
                            regexp = AssetSearch.Sort.PATTERN,
                            message = "must be one of id, name, manufacturer, model, installDate, warrantyEnd,"
                                    + " lastMaintenance, createdAt, updatedAt, with '-' first for descending")
                    String sort,
            @BeanParam @Valid PageRequest page) {
        LocalDate from = Params.date("installedFrom", installedFrom);
        LocalDate to = Params.date("installedTo", installedTo);
        Params.range("installedFrom", from, "installedTo", to);
        AssetSearch.Filter filter = new AssetSearch.Filter(
                type, status, manufacturer, model, Params.uuid(location), from, to, warranty, text);
        return assets.list(caller.tenant(), filter, AssetSearch.Sort.parse(sort), page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<AssetView> get(@PathParam("id") String id) {
        return assets.get(caller.tenant(), id);
    }

    /** A JSON merge patch of the asset (see {@link AssetChange}). */
    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RequestBody(content = @Content(schema = @Schema(implementation = AssetChange.class)))
    public Uni<AssetView> update(@PathParam("id") String id, JsonNode body) {
        return assets.update(caller.tenant(), id, bodies.patch(body, AssetChange.class));
    }

    /** Deletes an asset made by hand (a device's asset is retired through the registry). */
    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> delete(@PathParam("id") String id) {
        return assets.delete(caller.tenant(), id)
                .replaceWith(Response.noContent().build());
    }
}
