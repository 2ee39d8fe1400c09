package io.iotsphere.registry.rest;

import io.iotsphere.commons.security.Roles;
import io.iotsphere.outbox.Outbox;
import io.iotsphere.registry.service.DeviceTypeService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform-wide device type catalog: read by every role, changed by admins. */
@Path("/api/v1/device-types")
@Tag(name = "Device types")
public class DeviceTypeResource {

    @Inject
    DeviceTypeService types;

    @Inject
    Outbox outbox;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.DEVICE})
    public Uni<List<DeviceTypeView>> list() {
        return types.list().map(all -> all.stream().map(DeviceTypeView::of).toList());
    }

    @GET
    @Path("{typeId}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.DEVICE})
    public Uni<DeviceTypeView> get(@PathParam("typeId") String typeId) {
        return types.get(typeId).map(DeviceTypeView::of);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(@NotNull(message = "a device type is required") @Valid DeviceTypeRequest request) {
        return types.create(request)
                .invoke(outbox::flushSoon)
                .map(t -> Response.created(URI.create("/api/v1/device-types/" + t.id))
                        .entity(DeviceTypeView.of(t))
                        .build());
    }

    @PUT
    @Path("{typeId}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<DeviceTypeView> update(
            @PathParam("typeId") String typeId,
            @NotNull(message = "a device type is required") @Valid DeviceTypeRequest request) {
        return types.update(typeId, request).invoke(outbox::flushSoon).map(DeviceTypeView::of);
    }
}
