package io.iotsphere.simulator.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The telemetry service's device ingestion over HTTP (a device token per device). */
@RegisterRestClient(configKey = "telemetry")
@Path("/api/v1/devices")
public interface TelemetryClient {

    /** One reading {@code {"ts","values"}} or a batch {@code {"readings":[...]}}, as JSON text. */
    @POST
    @Path("{id}/telemetry")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> send(
            @PathParam("id") String deviceId, @HeaderParam("Authorization") String authorization, String payload);
}
