package io.iotsphere.registry.rest;

import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.iotsphere.registry.service.RepublishService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin")
@Tag(name = "Administration")
public class AdminResource {

    @Inject
    RepublishService republish;

    @Inject
    Caller caller;

    /** Announces the catalog and the caller's tenant's devices again on {@code device-lifecycle}. */
    @POST
    @Path("republish")
    @RolesAllowed(Roles.ADMIN)
    public Uni<RepublishService.Counts> republish() {
        return republish.republish(caller.tenant());
    }
}
