package io.iotsphere.gateway.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsphere.commons.rest.Problems;
import io.iotsphere.commons.security.Roles;
import io.quarkiverse.resteasy.problem.HttpProblem;
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
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
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
    static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(10);

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
            return views.isEmpty()
                    ? Uni.createFrom().item(List.<WaterHeaterView>of())
                    : Uni.join().all(views).andFailFast();
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
            if (change.location() != null) {
                ObjectNode attributes = device.path("attributes").isObject()
                        ? ((ObjectNode) device.get("attributes")).deepCopy()
                        : mapper.createObjectNode();
                attributes.put("location", change.location());
                patch.set("attributes", attributes);
            }
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
        return call(registry.get(auth, id)).invoke(device -> {
            if (!TYPE.equals(device.path("type").asText())) {
                throw Problems.notFound("water heater '" + id + "' not found");
            }
        });
    }

    /** The device with its shadow; a device without a shadow yet shows no state. */
    private Uni<WaterHeaterView> compose(String auth, JsonNode device) {
        return call(shadow.get(auth, device.path("id").asText()))
                .onFailure(HttpProblem.class)
                .recoverWithNull()
                .map(state -> WaterHeaterView.of(device, state));
    }

    /** An upstream answer; its errors become problems of the same status, an unreachable service a 502. */
    private static <T> Uni<T> call(Uni<T> upstream) {
        return upstream.ifNoItem()
                .after(UPSTREAM_TIMEOUT)
                .failWith(() -> Problems.of(Response.Status.GATEWAY_TIMEOUT, "a service did not answer in time"))
                .onFailure(WebApplicationException.class)
                .transform(e -> {
                    Response r = ((WebApplicationException) e).getResponse();
                    Response.Status status = Response.Status.fromStatusCode(r.getStatus());
                    return Problems.of(status == null ? Response.Status.BAD_GATEWAY : status, detail(r));
                })
                .onFailure(f -> !(f instanceof HttpProblem))
                .transform(e -> Problems.of(Response.Status.BAD_GATEWAY, "a service is unavailable"));
    }

    private static String detail(Response response) {
        try {
            JsonNode body = response.readEntity(JsonNode.class);
            return body.path("detail").asText(response.getStatusInfo().getReasonPhrase());
        } catch (RuntimeException e) {
            return response.getStatusInfo().getReasonPhrase();
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
