package io.iotsphere.commons.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventValidator;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Turns events into Kafka records and back. Outgoing: structured-mode CloudEvents JSON, record key = subject (the
 * device id), a {@code content-type} header. Incoming: parsed and checked against the contract; what does not conform
 * raises {@link InvalidEventException}, which the consumer's dead-letter strategy routes to {@code <topic>.dlq}.
 */
@ApplicationScoped
public class EventCodec {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private final EventValidator validator = new EventValidator();

    @Inject
    ObjectMapper mapper;

    public String encode(CloudEvent<?> event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be serialised: " + e.getOriginalMessage(), e);
        }
    }

    /** A Kafka message of the event, keyed by its subject. */
    public Message<String> message(CloudEvent<?> event) {
        return Message.of(encode(event)).addMetadata(metadata(event.subject(), null));
    }

    /** Kafka metadata for an event: the key, the content type, and the topic when it is chosen per record. */
    public static OutgoingKafkaRecordMetadata<String> metadata(String key, String topic) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> builder =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers);
        if (topic != null) {
            builder.withTopic(topic);
        }
        return builder.build();
    }

    /** Parses and validates an incoming event; its {@code data} stays a JSON tree, see {@link #data}. */
    public CloudEvent<JsonNode> decode(String json) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(List.of("/: not valid JSON: " + e.getOriginalMessage()));
        }
        List<String> problems = validator.validate(tree);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(problems);
        }
        return mapper.convertValue(
                tree, mapper.getTypeFactory().constructParametricType(CloudEvent.class, JsonNode.class));
    }

    /** The payload of a decoded event as its contract record. */
    public <T> T data(CloudEvent<JsonNode> event, Class<T> type) {
        try {
            return mapper.treeToValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(List.of("/data: " + e.getOriginalMessage()));
        }
    }

    /** The contract checks on their own (for producers' tests and for payloads not yet wrapped). */
    public List<String> problems(CloudEvent<?> event) {
        return validator.validate(mapper.<JsonNode>valueToTree(event));
    }
}
