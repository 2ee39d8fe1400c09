package io.iotsphere.shadow.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.iotsphere.shadow.Problems;
import io.iotsphere.shadow.ShadowJson;
import io.iotsphere.shadow.ShadowUpdate;
import io.iotsphere.shadow.service.ShadowMetrics.Source;
import io.iotsphere.shadow.service.ShadowService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/devices/{deviceId}/shadow}: the device's shadow. Users of the tenant read it; admins and operators
 * set {@code desired} and delete it; the device itself (device token) reads it and sets {@code reported}.
 */
@Path("/api/v1/devices/{deviceId}/shadow")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shadows")
public class ShadowResource {

    /** Device ids as the registry issues them. */
    public static final String DEVICE_ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final ShadowService shadows;
    private final Caller caller;

    public ShadowResource(ShadowService shadows, Caller caller) {
        this.shadows = shadows;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.DEVICE})
    @Operation(summary = "The shadow: state (desired, reported, delta), metadata, version, timestamp")
    public Uni<ObjectNode> get(@PathParam("deviceId") @Pattern(regexp = DEVICE_ID) String deviceId) {
        requireSelfIfDevice(deviceId);
        return shadows.get(caller.tenant(), deviceId).map(doc -> doc.toView());
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.DEVICE})
    @Operation(
            summary = "Updates desired (admin, operator) or reported (the device) state; creates the shadow",
            description = "Only the named fields change; null deletes a field, \"desired\": null clears the section;"
                    + " objects merge, arrays replace. With \"version\" the update applies only to that version (409"
                    + " otherwise). \"clientToken\" (up to 64 bytes) is echoed.")
    public Uni<ObjectNode> update(@PathParam("deviceId") @Pattern(regexp = DEVICE_ID) String deviceId, String body) {
        requireSelfIfDevice(deviceId);
        ShadowUpdate update = shadows.parser().parse(body);
        authorise(update);
        return shadows.update(caller.tenant(), deviceId, update, caller.subject(), Source.API)
                .map(updated -> {
                    ObjectNode view = updated.shadow().toView();
                    if (updated.clientToken() != null) {
                        view.put("clientToken", updated.clientToken());
                    }
                    return view;
                });
    }

    @DELETE
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Deletes the shadow; its version goes on counting when it is created again")
    public Uni<ObjectNode> delete(
            @PathParam("deviceId") @Pattern(regexp = DEVICE_ID) String deviceId,
            @QueryParam("version") @Min(0) Long version) {
        return shadows.delete(caller.tenant(), deviceId, version, caller.subject())
                .map(deleted -> {
                    ObjectNode body = ShadowJson.object();
                    body.put("version", deleted.version());
                    body.put("timestamp", deleted.timestamp());
                    return body;
                });
    }

    private void requireSelfIfDevice(String deviceId) {
        if (!caller.mayActFor(deviceId)) {
            throw Problems.forbidden("a device token may only act for its own device");
        }
    }

    /** Users set desired, never reported; a device sets reported, never desired. */
    private void authorise(ShadowUpdate update) {
        if (caller.isDevice()) {
            if (update.touchesDesired()) {
                throw Problems.forbidden("a device may set 'reported' only; 'desired' is set by operators");
            }
        } else if (update.touchesReported()) {
            throw Problems.forbidden("'reported' is set by the device itself (device token or MQTT)");
        }
    }
}
