package io.iotsphere.asset.rest;

import io.iotsphere.asset.InventoryMovement;
import io.iotsphere.asset.VendingSlot;
import io.iotsphere.asset.service.InventoryService;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The inventory ledger of a vending machine. */
@Path("/api/v1/assets/{id}/inventory/movements")
@Tag(name = "Vending inventory")
public class MovementResource {

    @Inject
    InventoryService inventory;

    @Inject
    Caller caller;

    /** Sales, counts, restocks and corrections, newest first. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Page<MovementView>> list(
            @PathParam("id") String id,
            @QueryParam("slot") @Pattern(regexp = VendingSlot.ID, message = Validation.SLOT_MESSAGE) String slot,
            @QueryParam("kind")
                    @Pattern(regexp = InventoryMovement.KINDS, message = "must be sale, count, restock or correction")
                    String kind,
            @BeanParam @Valid PageRequest page) {
        return inventory.movements(caller.tenant(), id, slot, kind, page);
    }
}
