package io.iotsphere.command.rest;

import io.iotsphere.command.service.CommandService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The command history of the whole tenant. */
@Path("/api/v1/commands")
@Tag(name = "Commands")
public class CommandResource {

    @Inject
    CommandService commands;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @Operation(summary = "The tenant's commands, newest first; filters: deviceId, status, name, from, to (creation)")
    public Uni<Page<CommandView>> list(
            @QueryParam("deviceId") @Pattern(regexp = Validation.DEVICE_ID, message = Validation.DEVICE_ID_MESSAGE)
                    String deviceId,
            @BeanParam @Valid HistoryQuery query,
            @BeanParam @Valid PageRequest page) {
        return commands.list(caller.tenant(), query.filter(deviceId), page)
                .map(result ->
                        Page.of(result.commands().stream().map(CommandView::of).toList(), page, result.total()));
    }
}
