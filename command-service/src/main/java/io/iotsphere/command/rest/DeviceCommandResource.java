package io.iotsphere.command.rest;

import io.iotsphere.command.repository.CommandSearch;
import io.iotsphere.command.service.CommandService;
import io.iotsphere.command.service.ResultService;
import io.iotsphere.command.service.ResultService.Kind;
import io.iotsphere.commons.rest.Page;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.rest.Problems;
import io.iotsphere.commons.rest.RequestIdFilter;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The commands of one device: send, read, cancel, and (the device itself) report results over HTTP. */
@Path("/api/v1/devices/{deviceId}/commands")
@Tag(name = "Commands")
public class DeviceCommandResource {

    /** Response header telling that the answer is the command an earlier request with the same key created. */
    public static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    CommandService commands;

    @Inject
    ResultService results;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Sends a command to the device",
            description = "Validated against the device type's commands (400 before anything is queued). 201 with"
                    + " the command, QUEUED until the device is online, then SENT; 200 with the earlier command when"
                    + " the idempotencyKey was used before for the same command (409 for another).")
    public Uni<Response> send(
            @PathParam("deviceId") @Pattern(regexp = Validation.DEVICE_ID, message = Validation.DEVICE_ID_MESSAGE)
                    String deviceId,
            @NotNull(message = "a command is required") @Valid CommandRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(RequestIdFilter.HEADER) String requestId) {
        return commands.create(caller.tenant(), caller.subject(), deviceId, request, authorization, requestId)
                .map(created -> {
                    CommandView view = CommandView.of(created.command());
                    if (created.replayed()) {
                        return Response.ok(view).header(REPLAYED, "true").build();
                    }
                    return Response.created(URI.create("/api/v1/devices/" + deviceId + "/commands/" + view.id()))
                            .entity(view)
                            .build();
                });
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.DEVICE})
    @Operation(summary = "The device's command history, newest first; filters: status, name, from, to (creation)")
    public Uni<Page<CommandView>> list(
            @PathParam("deviceId") @Pattern(regexp = Validation.DEVICE_ID, message = Validation.DEVICE_ID_MESSAGE)
                    String deviceId,
            @BeanParam @Valid HistoryQuery query,
            @BeanParam @Valid PageRequest page) {
        requireSelfIfDevice(deviceId);
        CommandSearch.Filter filter = query.filter(deviceId);
        return commands.requireDevice(caller.tenant(), deviceId)
                .chain(() -> commands.list(caller.tenant(), filter, page))
                .map(result ->
                        Page.of(result.commands().stream().map(CommandView::of).toList(), page, result.total()));
    }

    @GET
    @Path("{commandId}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.DEVICE})
    @Operation(summary = "One command with every transition it made")
    public Uni<CommandView> get(@PathParam("deviceId") String deviceId, @PathParam("commandId") String commandId) {
        requireSelfIfDevice(deviceId);
        return commands.get(caller.tenant(), deviceId, commandId)
                .map(detail -> CommandView.of(detail.command(), detail.transitions()));
    }

    @POST
    @Path("{commandId}/cancel")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Cancels a command that has not ended (409 once it has)")
    public Uni<CommandView> cancel(
            @PathParam("deviceId") String deviceId,
            @PathParam("commandId") String commandId,
            @Valid CancelRequest request) {
        String reason = request == null ? null : request.reason();
        return commands.cancel(caller.tenant(), caller.subject(), deviceId, commandId, reason)
                .map(CommandView::of);
    }

    @POST
    @Path("{commandId}/result")
    @RolesAllowed(Roles.DEVICE)
    @Operation(
            summary = "The device reports on its command: acknowledged, completed or failed",
            description = "Device token of this device only. A repeated result is answered like the first; one the"
                    + " lifecycle refuses (the command ended, or went further) is 409.")
    public Uni<CommandView> result(
            @PathParam("deviceId") String deviceId,
            @PathParam("commandId") String commandId,
            @NotNull(message = "a result is required") @Valid ResultRequest request) {
        requireSelfIfDevice(deviceId);
        if (request.result() != null
                && !request.result().isNull()
                && !request.result().isObject()) {
            throw Problems.badRequest("result: must be a JSON object");
        }
        return results.apply(
                        caller.tenant(),
                        deviceId,
                        commandId,
                        Kind.of(request.status()),
                        request.result(),
                        request.error(),
                        "http")
                .map(applied -> switch (applied.outcome()) {
                    case APPLIED, DUPLICATE -> CommandView.of(applied.command());
                    case REFUSED ->
                        throw Problems.conflict("command " + commandId + " is " + applied.command().status + "; a '"
                                + request.status() + "' result no longer applies");
                    case UNKNOWN -> throw Problems.notFound("command '" + commandId + "' not found");
                });
    }

    /** A device token reads and reports for its own device only; another device's commands do not exist for it. */
    private void requireSelfIfDevice(String deviceId) {
        if (!caller.mayActFor(deviceId)) {
            throw Problems.notFound("device '" + deviceId + "' not found");
        }
    }
}
