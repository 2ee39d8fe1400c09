package io.iotsphere.asset.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.asset.VendingSlot;
import io.iotsphere.asset.service.InventoryService;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The slots of a vending machine: configuration and stock. */
@Path("/api/v1/assets/{id}/slots")
@Tag(name = "Vending inventory")
public class SlotResource {

    @Inject
    InventoryService inventory;

    @Inject
    Bodies bodies;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<List<SlotView>> list(@PathParam("id") String id) {
        return inventory.slots(caller.tenant(), id);
    }

    /** Creates (201) or replaces (200) a slot's configuration (see {@link SlotRequest}). */
    @PUT
    @Path("{slot}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RequestBody(content = @Content(schema = @Schema(implementation = SlotRequest.class)))
    public Uni<Response> configure(
            @PathParam("id") String id,
            @PathParam("slot") @Pattern(regexp = VendingSlot.ID, message = Validation.SLOT_MESSAGE) String slot,
            JsonNode body) {
        SlotRequest request = bodies.read(body, SlotRequest.class);
        return inventory
                .configure(caller.tenant(), caller.subject(), id, slot, request)
                .map(result -> result.created()
                        ? Response.created(URI.create("/api/v1/assets/" + id + "/slots/" + slot))
                                .entity(result.slot())
                                .build()
                        : Response.ok(result.slot()).build());
    }

    /** Removes a slot (its ledger lines stay). */
    @DELETE
    @Path("{slot}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> delete(@PathParam("id") String id, @PathParam("slot") String slot) {
        return inventory
                .deleteSlot(caller.tenant(), id, slot)
                .replaceWith(Response.noContent().build());
    }
}
