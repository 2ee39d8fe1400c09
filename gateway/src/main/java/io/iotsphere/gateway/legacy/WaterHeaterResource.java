package io.iotsphere.gateway.legacy;

import static io.iotsphere.gateway.legacy.Upstream.all;
import static io.iotsphere.gateway.legacy.Upstream.call;
import static io.iotsphere.gateway.legacy.Upstream.deviceOfType;
import static io.iotsphere.gateway.legacy.Upstream.optional;
import static io.iotsphere.gateway.legacy.Upstream.putIfPresent;
import static io.iotsphere.gateway.legacy.Upstream.setLocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsphere.commons.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The original design's {@code /api/water-heaters}, mapped onto the new services: devices of type {@code water-heater}
 * in the registry, their state in the shadow, temperature control as a {@code set_temperature} command.
 */
@Path("/api/water-heaters")
@Tag(name = "Legacy water heaters")
public class WaterHeaterResource {

    static final String TYPE = "water-heater";

    /** A water heater to create, as the original API took it. */
    public record NewWaterHeater(
            @Size(max = 128) String id,
            @Size(max = 256) String name,
            @Size(max = 128) String manufacturer,
            @Size(max = 128) String model,
            @Size(max = 128) String serialNumber,
            @Size(max = 256) String location) {}

    /** The fields the original API let users change. */
    public record WaterHeaterChange(
            @Size(max = 256) String name,
            @Size(max = 128) String model,
            @Size(max = 256) String location) {}

    public record Temperature(
            @NotNull(message = "is required")
            @DecimalMin(value = "30", message = "must be at least 30 °C")
            @DecimalMax(value = "80", message = "must be at most 80 °C")
            Double temperature) {}

    @Inject
    @RestClient
    UpstreamApi.Registry registry;

    @Inject
    @RestClient
    UpstreamApi.Shadow shadow;

    @Inject
    @RestClient
    UpstreamApi.Command command;

    @Inject
    ObjectMapper mapper;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<List<WaterHeaterView>> list(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(100) int size) {
        return call(registry.list(auth, TYPE, page, size)).chain(result -> {
            List<Uni<WaterHeaterView>> views = new ArrayList<>();
            for (JsonNode device : result.path("items")) {
                views.add(compose(auth, device));
            }
            return all(views);
        });
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<WaterHeaterView> get(@HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("id") String id) {
        return heater(auth, id).chain(device -> compose(auth, device));
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> create(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @NotNull @Valid NewWaterHeater heater) {
        ObjectNode device = mapper.createObjectNode().put("type", TYPE);
        putIfPresent(device, "id", heater.id());
        putIfPresent(device, "name", heater.name());
        putIfPresent(device, "manufacturer", heater.manufacturer());
        putIfPresent(device, "model", heater.model());
        putIfPresent(device, "serialNumber", heater.serialNumber());
        if (heater.location() != null) {
            device.putObject("attributes").put("location", heater.location());
        }
        return call(registry.register(auth, device)).map(created -> {
            ObjectNode body = mapper.valueToTree(WaterHeaterView.of(created.path("device"), null));
            body.set("secret", created.path("secret"));
            return Response.status(Response.Status.CREATED)
                    .header(
                            "Location",
                            "/api/water-heaters/"
                                    + created.path("device").path("id").asText())
                    .entity(body)
                    .build();
        });
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<WaterHeaterView> update(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @PathParam("id") String id,
            @NotNull @Valid WaterHeaterChange change) {
        ObjectNode patch = mapper.createObjectNode();
        putIfPresent(patch, "name", change.name());
        putIfPresent(patch, "model", change.model());
        return heater(auth, id).chain(device -> {
            setLocation(patch, device, change.location());
            return call(registry.update(auth, id, patch)).chain(updated -> compose(auth, updated));
        });
    }

    /** Sets the target temperature: a {@code set_temperature} command (the command service also updates the shadow). */
    @PUT
    @Path("{id}/temperature")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> setTemperature(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @PathParam("id") String id,
            @NotNull @Valid Temperature request) {
        ObjectNode body = mapper.createObjectNode().put("name", "set_temperature");
        body.putObject("params").put("temperature", request.temperature());
        return heater(auth, id)
                .chain(() -> call(command.send(auth, id, body)))
                .map(sent -> Response.accepted(sent).build());
    }

    private Uni<JsonNode> heater(String auth, String id) {
        return deviceOfType(registry.get(auth, id), TYPE, "water heater '" + id + "'");
    }

    /** The device with its shadow; a device without a shadow yet shows no state. */
    private Uni<WaterHeaterView> compose(String auth, JsonNode device) {
        return optional(shadow.get(auth, device.path("id").asText())).map(state -> WaterHeaterView.of(device, state));
    }
}
