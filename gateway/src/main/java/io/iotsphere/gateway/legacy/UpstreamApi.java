package io.iotsphere.gateway.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The services' APIs the legacy paths are composed from; the caller's token is passed on as it came. */
public final class UpstreamApi {

    private UpstreamApi() {}

    @RegisterRestClient(configKey = "registry")
    @Path("/api/v1")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface Registry {
        @GET
        @Path("devices")
        Uni<JsonNode> list(
                @HeaderParam("Authorization") String authorization,
                @QueryParam("type") String type,
                @QueryParam("page") int page,
                @QueryParam("size") int size);

        @GET
        @Path("devices/{id}")
        Uni<JsonNode> get(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

        @POST
        @Path("devices")
        Uni<JsonNode> register(@HeaderParam("Authorization") String authorization, JsonNode device);

        @PATCH
        @Path("devices/{id}")
        Uni<JsonNode> update(
                @HeaderParam("Authorization") String authorization, @PathParam("id") String id, JsonNode change);
    }

    @RegisterRestClient(configKey = "shadow")
    @Path("/api/v1")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Shadow {
        @GET
        @Path("devices/{id}/shadow")
        Uni<JsonNode> get(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);
    }

    @RegisterRestClient(configKey = "command")
    @Path("/api/v1")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface Command {
        @POST
        @Path("devices/{id}/commands")
        Uni<JsonNode> send(
                @HeaderParam("Authorization") String authorization, @PathParam("id") String id, JsonNode command);
    }

    @RegisterRestClient(configKey = "asset")
    @Path("/api/v1")
    @Produces(MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public interface Asset {
        @GET
        @Path("assets/{id}")
        Uni<JsonNode> get(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

        @POST
        @Path("assets")
        Uni<JsonNode> create(@HeaderParam("Authorization") String authorization, JsonNode asset);

        @PATCH
        @Path("assets/{id}")
        Uni<JsonNode> update(
                @HeaderParam("Authorization") String authorization, @PathParam("id") String id, JsonNode change);

        @GET
        @Path("assets/{id}/slots")
        Uni<JsonNode> slots(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

        @GET
        @Path("products/{id}")
        Uni<JsonNode> product(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);
    }
}
