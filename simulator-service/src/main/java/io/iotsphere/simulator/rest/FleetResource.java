package io.iotsphere.simulator.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.iotsphere.commons.rest.Problems;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.Roles;
import io.iotsphere.simulator.Fleet;
import io.iotsphere.simulator.Scenario;
import io.iotsphere.simulator.model.FaultLabel;
import io.iotsphere.simulator.service.FleetService;
import io.iotsphere.simulator.service.Labels;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Simulated fleets of the caller's tenant. Reads: admin, operator; writes: admin. The methods are blocking on purpose
 * (the fleet files are written synchronously), so they run on worker threads.
 */
@Path("/api/v1/fleets")
@Produces(MediaType.APPLICATION_JSON)
public class FleetResource {

    public static final String YAML = "application/yaml";
    private static final int MAX_SCENARIO_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = strict(new ObjectMapper());
    private static final ObjectMapper YAML_MAPPER = strict(new ObjectMapper(new YAMLFactory()));

    @Inject
    FleetService fleets;

    @Inject
    Caller caller;

    @RegisterForReflection
    public record LabelsView(String fleetId, Instant asOf, int count, List<FaultLabel> labels) {}

    @RegisterForReflection
    public record FleetList(List<FleetView> items, int total) {}

    private static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
    @RolesAllowed(Roles.ADMIN)
    public Response create(
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            String body) {
        Scenario scenario = parse(contentType, body);
        List<Scenario.Violation> violations = scenario.validate();
        if (!violations.isEmpty()) {
            throw invalid("the scenario is not valid", violations);
        }
        Fleet fleet = fleets.create(caller.tenant(), scenario, authorization);
        return Response.created(URI.create("/api/v1/fleets/" + fleet.id()))
                .entity(view(fleet))
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public FleetList list() {
        List<FleetView> items =
                fleets.list(caller.tenant()).stream().map(this::view).toList();
        return new FleetList(items, items.size());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public FleetView get(@PathParam("id") String id) {
        return view(fleet(id));
    }

    @POST
    @Path("{id}/start")
    @RolesAllowed(Roles.ADMIN)
    public FleetView start(@PathParam("id") String id) {
        try {
            return view(fleets.start(fleet(id)));
        } catch (IllegalStateException e) {
            throw Problems.conflict(e.getMessage());
        }
    }

    @POST
    @Path("{id}/stop")
    @RolesAllowed(Roles.ADMIN)
    public FleetView stop(@PathParam("id") String id) {
        try {
            return view(fleets.stop(fleet(id)));
        } catch (IllegalStateException e) {
            throw Problems.conflict(e.getMessage());
        }
    }

    /** Stops and forgets the fleet; its devices stay in the registry (decommission them there). */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") String id) {
        fleets.delete(fleet(id));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/labels")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public LabelsView labels(@PathParam("id") String id) {
        Fleet fleet = fleet(id);
        List<FaultLabel> labels = fleets.labels(fleet);
        return new LabelsView(fleet.id(), fleets.labelsAsOf(fleet), labels.size(), labels);
    }

    /** The labels as a file to download: {@code format=csv} (default) or {@code json}. */
    @GET
    @Path("{id}/labels/export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response export(@PathParam("id") String id, @QueryParam("format") String format) {
        String f = format == null ? "csv" : format.toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("json")) {
            throw Problems.badRequest("format must be csv or json");
        }
        LabelsView labels = labels(id);
        Object entity = f.equals("csv") ? Labels.csv(labels.labels()) : labels;
        return Response.ok(entity, f.equals("csv") ? "text/csv" : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"labels-" + id + "." + f + "\"")
                .build();
    }

    private Fleet fleet(String id) {
        return fleets.find(caller.tenant(), id).orElseThrow(() -> Problems.notFound("no fleet " + id));
    }

    private FleetView view(Fleet f) {
        return FleetView.of(f, fleets.simulatedTime(f), fleets.readingsSent(f));
    }

    static Scenario parse(String contentType, String body) {
        if (body == null || body.isBlank()) {
            throw Problems.badRequest("a scenario (YAML or JSON) is required");
        }
        if (body.length() > MAX_SCENARIO_BYTES) {
            throw Problems.badRequest("a scenario has at most " + MAX_SCENARIO_BYTES + " characters");
        }
        boolean yaml =
                contentType != null && contentType.toLowerCase(Locale.ROOT).contains("yaml");
        try {
            Scenario scenario = (yaml ? YAML_MAPPER : JSON).readValue(body, Scenario.class);
            if (scenario == null) {
                throw Problems.badRequest("a scenario (YAML or JSON) is required");
            }
            return scenario;
        } catch (UnrecognizedPropertyException e) {
            throw invalid(
                    "the scenario is not valid",
                    List.of(new Scenario.Violation(pointer(e), "unknown property '" + e.getPropertyName() + "'")));
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw invalid(
                    "the scenario is not valid", List.of(new Scenario.Violation(pointer(e), e.getOriginalMessage())));
        } catch (IOException e) {
            throw Problems.badRequest("the scenario is not valid " + (yaml ? "YAML" : "JSON") + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String pointer(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            sb.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    private static HttpProblem invalid(String detail, List<Scenario.Violation> violations) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail(detail)
                .with(
                        "violations",
                        violations.stream()
                                .map(v -> Map.of("field", v.field(), "message", v.message()))
                                .toList())
                .build();
    }
}
