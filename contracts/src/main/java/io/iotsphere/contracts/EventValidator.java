package io.iotsphere.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates events against the envelope schema and the schema of their {@code type}. Producers use it in tests;
 * consumers use it to route what does not conform to the topic's dead-letter queue with the reason. Thread-safe; load
 * once and share.
 */
public final class EventValidator {

    private static final String ENVELOPE = "schemas/cloudevent.json";

    private final ObjectMapper mapper;
    private final Schema envelope;
    private final Map<String, Schema> payloads = new HashMap<>();

    public EventValidator() {
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
        this.envelope = load(registry, ENVELOPE);
        for (String type : EventTypes.ALL) {
            payloads.put(type, load(registry, EventTypes.schemaResource(type)));
        }
    }

    /** The violations of an event given as a parsed JSON tree; empty when it conforms. */
    public List<String> validate(JsonNode event) {
        List<String> problems = new ArrayList<>();
        if (event == null || !event.isObject()) {
            problems.add("/: event must be a JSON object");
            return problems;
        }
        envelope.validate(event).stream().map(e -> describe("", e)).forEach(problems::add);
        JsonNode type = event.get("type");
        if (type == null || !type.isTextual()) {
            return problems;
        }
        Schema payload = payloads.get(type.asText());
        if (payload == null) {
            problems.add("/type: unknown event type '" + type.asText() + "'");
            return problems;
        }
        JsonNode data = event.get("data");
        if (data != null) {
            payload.validate(data).stream().map(e -> describe("/data", e)).forEach(problems::add);
        }
        return problems;
    }

    /** The violations of an event given as JSON text; a parse failure is reported as a violation. */
    public List<String> validate(String json) {
        try {
            return validate(mapper.readTree(json));
        } catch (JsonProcessingException e) {
            return List.of("/: not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The violations of an event object, as it would be serialised. */
    public List<String> validate(CloudEvent<?> event) {
        return validate(mapper.valueToTree(event));
    }

    /** "location: message", the location as a JSON pointer into the event ("/data/readings/0/ts"). */
    private static String describe(String under, Error error) {
        String location = under + error.getInstanceLocation();
        if (error.getProperty() != null) {
            location += "/" + error.getProperty();
        }
        return (location.isEmpty() ? "/" : location) + ": " + error.getMessage();
    }

    private static Schema load(SchemaRegistry registry, String resource) {
        try (InputStream in = EventValidator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
