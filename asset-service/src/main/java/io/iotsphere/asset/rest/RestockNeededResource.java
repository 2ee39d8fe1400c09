package io.iotsphere.asset.rest;

import io.iotsphere.asset.repository.RestockSearch;
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
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every slot below its restock threshold, machine by machine: a restocking round. */
@Path("/api/v1/inventory/restock-needed")
@Tag(name = "Vending inventory")
public class RestockNeededResource {

    @Inject
    RestockSearch search;

    @Inject
    Caller caller;

    /** {@code location}: only machines in that location or under it. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Page<RestockNeededView>> list(
            @QueryParam("location") @Pattern(regexp = Validation.UUID, message = Validation.UUID_MESSAGE)
                    String location,
            @BeanParam @Valid PageRequest page) {
        return search.find(caller.tenant(), Params.uuid(location), page.size, page.offset())
                .map(result -> Page.of(result.slots(), page, result.total()));
    }
}
