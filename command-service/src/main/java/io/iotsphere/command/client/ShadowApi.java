package io.iotsphere.command.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** shadow-service's API ({@code quarkus.rest-client.shadow.url}): the part this service uses. */
@RegisterRestClient(configKey = "shadow")
@Path("/api/v1/devices/{deviceId}/shadow")
public interface ShadowApi {

    /** Updates the shadow (AWS IoT semantics: named fields of {@code state.desired} change, the rest stays). */
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> update(
            @PathParam("deviceId") String deviceId,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Request-Id") String requestId,
            ObjectNode body);
}
