package io.iotsphere.simulator.client;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The device registry's API, as far as the simulated devices need it (see the registry's README section). */
@RegisterRestClient(configKey = "registry")
@Path("/api/v1/devices")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryClient {

    @RegisterForReflection
    record NewDevice(
            String id,
            String type,
            String name,
            String manufacturer,
            String model,
            List<String> tags,
            Map<String, String> attributes,
            boolean simulated) {}

    @RegisterForReflection
    record BulkRequest(List<NewDevice> devices) {}

    @RegisterForReflection
    record Registered(Map<String, Object> device, String secret) {}

    @RegisterForReflection
    record BulkResult(List<Registered> devices) {}

    @RegisterForReflection
    record TokenRequest(String tenant, String secret) {}

    @RegisterForReflection
    record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

    /** Registers up to 1000 devices, all or none, with the caller's (admin or operator) token. */
    @POST
    @Path("bulk")
    Uni<BulkResult> registerAll(@HeaderParam("Authorization") String authorization, BulkRequest request);

    /** Exchanges a device's secret for a device token. */
    @POST
    @Path("{id}/token")
    Uni<TokenResponse> token(@PathParam("id") String deviceId, TokenRequest request);
}
