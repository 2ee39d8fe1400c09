package io.iotsphere.asset.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.asset.service.InventoryService;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Restocks of a vending machine. */
@Path("/api/v1/assets/{id}/restocks")
@Tag(name = "Vending inventory")
public class RestockResource {

    @Inject
    InventoryService inventory;

    @Inject
    Bodies bodies;

    @Inject
    Caller caller;

    /** Records a restock (see {@link RestockRequest}); returns every slot of the machine after it. */
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RequestBody(content = @Content(schema = @Schema(implementation = RestockRequest.class)))
    public Uni<List<SlotView>> restock(@PathParam("id") String id, JsonNode body) {
        RestockRequest request = bodies.read(body, RestockRequest.class);
        return inventory.restock(caller.tenant(), caller.subject(), id, request);
    }
}
