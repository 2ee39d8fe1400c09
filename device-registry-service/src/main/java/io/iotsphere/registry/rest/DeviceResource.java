package io.iotsphere.registry.rest;

import io.iotsphere.commons.rest.Page;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.rest.Problems;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.iotsphere.registry.repository.DeviceSearch;
import io.iotsphere.registry.service.DeviceService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's devices: registration, reads, changes, decommissioning. */
@Path("/api/v1/devices")
@Tag(name = "Devices")
public class DeviceResource {

    /** The reason given when decommissioning. */
    public record Decommission(@Size(max = 1024) String reason) {}

    /** Several devices registered at once, each with its secret (shown this once). */
    public record BulkResult(List<RegisteredDevice> devices) {}

    @Inject
    DeviceService devices;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> register(@NotNull(message = "a device is required") @Valid DeviceRequest request) {
        return devices.register(caller.tenant(), request)
                .map(r -> Response.created(
                                URI.create("/api/v1/devices/" + r.device().id()))
                        .entity(r)
                        .build());
    }

    @POST
    @Path("bulk")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> registerBulk(@NotNull(message = "a list of devices is required") @Valid BulkRequest request) {
        return devices.registerAll(caller.tenant(), request.devices())
                .map(all -> Response.status(Response.Status.CREATED)
                        .entity(new BulkResult(all))
                        .build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<Page<DeviceView>> list(
            @QueryParam("type") @Pattern(regexp = Validation.TYPE_ID, message = Validation.TYPE_ID_MESSAGE) String type,
            @QueryParam("status")
                    @Pattern(
                            regexp = "registered|active|online|offline|decommissioned",
                            message = "must be registered, active, online, offline or decommissioned")
                    String status,
            @QueryParam("manufacturer") @Size(max = 128) String manufacturer,
            @QueryParam("tag") @Pattern(regexp = Validation.TAG, message = Validation.TAG_MESSAGE) String tag,
            @QueryParam("simulated") Boolean simulated,
            @QueryParam("q") @Size(min = 1, max = 128) String text,
            @BeanParam @Valid PageRequest page) {
        DeviceSearch.Filter filter = new DeviceSearch.Filter(type, status, manufacturer, tag, simulated, text);
        return devices.list(caller.tenant(), filter, page)
                .map(result ->
                        Page.of(result.devices().stream().map(DeviceView::of).toList(), page, result.total()));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.DEVICE})
    public Uni<DeviceView> get(@PathParam("id") String id) {
        if (!caller.mayActFor(id)) {
            throw Problems.notFound("device '" + id + "' not found");
        }
        return devices.get(caller.tenant(), id).map(DeviceView::of);
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<DeviceView> update(
            @PathParam("id") String id, @NotNull(message = "a change is required") @Valid DeviceUpdate change) {
        return devices.update(caller.tenant(), id, change).map(DeviceView::of);
    }

    @POST
    @Path("{id}/decommission")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<DeviceView> decommission(@PathParam("id") String id, @Valid Decommission request) {
        String reason = request == null ? null : request.reason();
        return devices.decommission(caller.tenant(), id, reason).map(DeviceView::of);
    }
}
