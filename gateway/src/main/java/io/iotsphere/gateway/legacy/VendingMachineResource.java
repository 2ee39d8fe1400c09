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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The original design's {@code /api/vending-machines}, mapped onto the new services: devices of type
 * {@code vending-machine} in the registry, their asset (location, details, stock) in the asset service, their state in
 * the shadow. The asset service validates the machine's details (location and use types, cash capacity).
 */
@Path("/api/vending-machines")
@Tag(name = "Legacy vending machines")
public class VendingMachineResource {

    static final String TYPE = "vending-machine";

    /** A vending machine to create, as the original API took it. */
    public record NewVendingMachine(
            @Size(max = 128) String id,
            @Size(max = 256) String name,
            @Size(max = 128) String manufacturer,
            @Size(max = 128) String model,
            @Size(max = 128) String serialNumber,
            @Size(max = 256) String location,
            @Size(max = 256) String subLocation,
            @Size(max = 64) String locationType,
            @Size(max = 64) String useType,
            @Size(max = 128) String maintenancePartner,

            @DecimalMin(value = "0", message = "must be 0 or more")
            @DecimalMax(value = "1000000", message = "must be at most 1000000")
            BigDecimal cashCapacity) {

        Details details() {
            return new Details(subLocation, locationType, useType, maintenancePartner, cashCapacity);
        }
    }

    /** The fields the original API let users change. */
    public record VendingMachineChange(
            @Size(max = 256) String name,
            @Size(max = 128) String model,
            @Size(max = 256) String location,
            @Size(max = 256) String subLocation,
            @Size(max = 64) String locationType,
            @Size(max = 64) String useType,
            @Size(max = 128) String maintenancePartner,

            @DecimalMin(value = "0", message = "must be 0 or more")
            @DecimalMax(value = "1000000", message = "must be at most 1000000")
            BigDecimal cashCapacity) {

        Details details() {
            return new Details(subLocation, locationType, useType, maintenancePartner, cashCapacity);
        }
    }

    /** What of a machine the asset service keeps. */
    record Details(
            String subLocation,
            String locationType,
            String useType,
            String maintenancePartner,
            BigDecimal cashCapacity) {

        boolean isEmpty() {
            return subLocation == null
                    && locationType == null
                    && useType == null
                    && maintenancePartner == null
                    && cashCapacity == null;
        }
    }

    @Inject
    @RestClient
    UpstreamApi.Registry registry;

    @Inject
    @RestClient
    UpstreamApi.Asset assets;

    @Inject
    @RestClient
    UpstreamApi.Shadow shadow;

    @Inject
    ObjectMapper mapper;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<List<VendingMachineView>> list(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(100) int size) {
        return call(registry.list(auth, TYPE, page, size)).chain(result -> {
            List<Uni<VendingMachineView>> views = new ArrayList<>();
            for (JsonNode device : result.path("items")) {
                views.add(compose(auth, device, false));
            }
            return all(views);
        });
    }

    /** One machine, with its products (the slots' stock). */
    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public Uni<VendingMachineView> get(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @PathParam("id") String id) {
        return machine(auth, id).chain(device -> compose(auth, device, true));
    }

    /**
     * Registers the machine (201 with its secret, shown once), then stores its details in the asset service when any
     * were given.
     */
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> create(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth, @NotNull @Valid NewVendingMachine machine) {
        ObjectNode device = mapper.createObjectNode().put("type", TYPE);
        putIfPresent(device, "id", machine.id());
        putIfPresent(device, "name", machine.name());
        putIfPresent(device, "manufacturer", machine.manufacturer());
        putIfPresent(device, "model", machine.model());
        putIfPresent(device, "serialNumber", machine.serialNumber());
        if (machine.location() != null) {
            device.putObject("attributes").put("location", machine.location());
        }
        return call(registry.register(auth, device)).chain(created -> {
            JsonNode registered = created.path("device");
            String id = registered.path("id").asText();
            return saveDetails(auth, id, registered, machine.details()).chain(asset -> {
                ObjectNode body = mapper.valueToTree(VendingMachineView.of(registered, asset, null, null, null));
                body.set("secret", created.path("secret"));
                return Uni.createFrom()
                        .item(Response.status(Response.Status.CREATED)
                                .header("Location", "/api/vending-machines/" + id)
                                .entity(body)
                                .build());
            });
        });
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<VendingMachineView> update(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
            @PathParam("id") String id,
            @NotNull @Valid VendingMachineChange change) {
        ObjectNode patch = mapper.createObjectNode();
        putIfPresent(patch, "name", change.name());
        putIfPresent(patch, "model", change.model());
        return machine(auth, id).chain(device -> {
            setLocation(patch, device, change.location());
            Uni<JsonNode> updated =
                    patch.isEmpty() ? Uni.createFrom().item(device) : call(registry.update(auth, id, patch));
            return updated.chain(current ->
                    saveDetails(auth, id, current, change.details()).chain(() -> compose(auth, current, true)));
        });
    }

    private Uni<JsonNode> machine(String auth, String id) {
        return deviceOfType(registry.get(auth, id), TYPE, "vending machine '" + id + "'");
    }

    /**
     * Stores the details on the machine's asset. The asset service makes the asset when it reads the device's
     * registration; until then the asset is created here with the device's id, and the registration links it.
     */
    private Uni<JsonNode> saveDetails(String auth, String id, JsonNode device, Details details) {
        if (details.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        ObjectNode block = mapper.createObjectNode();
        putIfPresent(block, "locationType", details.locationType());
        putIfPresent(block, "useType", details.useType());
        putIfPresent(block, "maintenancePartner", details.maintenancePartner());
        if (details.cashCapacity() != null) {
            block.put("cashCapacity", details.cashCapacity());
        }
        ObjectNode change = mapper.createObjectNode();
        putIfPresent(change, "placement", details.subLocation());
        if (!block.isEmpty()) {
            change.set("vendingMachine", block);
        }
        return call(assets.update(auth, id, change))
                .onFailure(Upstream::isNotFound)
                .recoverWithUni(() -> {
                    ObjectNode asset = change.deepCopy().put("type", TYPE).put("id", id);
                    for (String field : List.of("name", "manufacturer", "model", "serialNumber")) {
                        putIfPresent(asset, field, Upstream.text(device, field));
                    }
                    return call(assets.create(auth, asset))
                            .onFailure(f -> f instanceof HttpProblem p && p.getStatusCode() == 409)
                            .recoverWithUni(() -> call(assets.update(auth, id, change)));
                });
    }

    /** The device with its asset and shadow (each may be missing) and, for one machine, its slots' products. */
    private Uni<VendingMachineView> compose(String auth, JsonNode device, boolean withProducts) {
        String id = device.path("id").asText();
        Uni<JsonNode> slots = withProducts
                ? optional(assets.slots(auth, id))
                : Uni.createFrom().nullItem();
        return Uni.combine()
                .all()
                .unis(optional(assets.get(auth, id)), optional(shadow.get(auth, id)), slots)
                .asTuple()
                .chain(parts -> categories(auth, parts.getItem3())
                        .map(categories -> VendingMachineView.of(
                                device, parts.getItem1(), parts.getItem2(), parts.getItem3(), categories)));
    }

    /** The category of each product in the slots (a product the asset service no longer has has none). */
    private Uni<Map<String, String>> categories(String auth, JsonNode slots) {
        Set<String> ids = new LinkedHashSet<>();
        if (slots != null) {
            slots.forEach(slot -> {
                if (slot.hasNonNull("productId")) {
                    ids.add(slot.get("productId").asText());
                }
            });
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<JsonNode>> lookups = ids.stream()
                .map(product -> optional(assets.product(auth, product)))
                .toList();
        return Uni.join().all(lookups).andFailFast().map(products -> {
            Map<String, String> categories = new HashMap<>();
            for (JsonNode product : products) {
                String category = Upstream.text(product, "category");
                if (product != null && category != null) {
                    categories.put(product.path("id").asText(), category);
                }
            }
            return categories;
        });
    }
}
