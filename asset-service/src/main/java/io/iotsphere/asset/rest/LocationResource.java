package io.iotsphere.asset.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.asset.LocationKind;
import io.iotsphere.asset.repository.LocationSearch;
import io.iotsphere.asset.service.LocationService;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's organizations, sites, buildings and rooms. */
@Path("/api/v1/locations")
@Tag(name = "Locations")
public class LocationResource {

    @Inject
    LocationService locations;

    @Inject
    Bodies bodies;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RequestBody(content = @Content(schema = @Schema(implementation = LocationRequest.class)))
    public Uni<Response> create(JsonNode body) {
        LocationRequest request = bodies.read(body, LocationRequest.class);
        return locations
                .create(caller.tenant(), request)
                .map(view -> Response.created(URI.create("/api/v1/locations/" + view.id()))
                        .entity(view)
                        .build());
    }

    /**
     * Locations, shallowest first then by name. {@code parentId}: the children of a location; {@code under}: its
     * whole subtree (itself excluded); {@code q}: part of the name.
     */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Page<LocationView>> list(
            @QueryParam("kind")
                    @Pattern(regexp = LocationKind.PATTERN, message = "must be organization, site, building or room")
                    String kind,
            @QueryParam("parentId") @Pattern(regexp = Validation.UUID, message = Validation.UUID_MESSAGE)
                    String parentId,
            @QueryParam("under") @Pattern(regexp = Validation.UUID, message = Validation.UUID_MESSAGE) String under,
            @QueryParam("q") @Size(min = 1, max = 128) String text,
            @BeanParam @Valid PageRequest page) {
        LocationSearch.Filter filter = new LocationSearch.Filter(kind, Params.uuid(parentId), Params.uuid(under), text);
        return locations.list(caller.tenant(), filter, page);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<LocationView> get(@PathParam("id") String id) {
        return locations.get(caller.tenant(), id);
    }

    /** A JSON merge patch of the location; a new {@code parentId} moves it with everything under it. */
    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RequestBody(content = @Content(schema = @Schema(implementation = LocationChange.class)))
    public Uni<LocationView> update(@PathParam("id") String id, JsonNode body) {
        return locations.update(caller.tenant(), id, bodies.patch(body, LocationChange.class));
    }

    /** Deletes a location with nothing under it and no asset in it. */
    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> delete(@PathParam("id") String id) {
        return locations
                .delete(caller.tenant(), id)
                .replaceWith(Response.noContent().build());
    }
}
