package io.iotsphere.asset.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.asset.AssetRelation;
import io.iotsphere.asset.service.RelationService;
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
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

/** Relations of an asset to other assets: contains, manages, feeds. */
@Path("/api/v1/assets/{id}/relations")
@Tag(name = "Relations")
public class RelationResource {

    static final String KIND_MESSAGE = "must be contains, manages or feeds";

    @Inject
    RelationService relations;

    @Inject
    Bodies bodies;

    @Inject
    Caller caller;

    /** This asset contains / manages / feeds {@code targetId}. */
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RequestBody(content = @Content(schema = @Schema(implementation = RelationRequest.class)))
    public Uni<Response> add(@PathParam("id") String id, JsonNode body) {
        RelationRequest request = bodies.read(body, RelationRequest.class);
        return relations
                .add(caller.tenant(), caller.subject(), id, request)
                .map(view -> Response.created(URI.create(
                                "/api/v1/assets/" + id + "/relations/" + request.kind() + "/" + request.targetId()))
                        .entity(view)
                        .build());
    }

    /**
     * Direct relations ({@code direction} outgoing, incoming or both), or with {@code transitive=true} everything
     * reached along one {@code kind} in one direction (all that a boiler feeds, and what those feed...), nearest first.
     */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Page<RelationView>> list(
            @PathParam("id") String id,
            @QueryParam("kind") @Pattern(regexp = AssetRelation.KINDS, message = KIND_MESSAGE) String kind,
            @QueryParam("direction")
                    @DefaultValue("both")
                    @Pattern(regexp = "outgoing|incoming|both", message = "must be outgoing, incoming or both")
                    String direction,
            @QueryParam("transitive")
                    @DefaultValue("false")
                    @Pattern(regexp = "true|false", message = "must be true or false")
                    String transitive,
            @BeanParam @Valid PageRequest page) {
        return relations.list(caller.tenant(), id, kind, direction, Boolean.parseBoolean(transitive), page);
    }

    @DELETE
    @Path("{kind}/{targetId}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> delete(
            @PathParam("id") String id,
            @PathParam("kind") @Pattern(regexp = AssetRelation.KINDS, message = KIND_MESSAGE) String kind,
            @PathParam("targetId") String targetId) {
        return relations
                .delete(caller.tenant(), id, kind, targetId)
                .replaceWith(Response.noContent().build());
    }
}
