package io.iotsphere.asset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.EventValidator;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceStatus;
import io.iotsphere.contracts.device.DeviceUpdated;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.iotsphere.testsupport.KafkaTestClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events other services publish, as they publish them, for the asset service to consume. */
final class Events {

    static final EventValidator CONTRACT = new EventValidator();
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Events() {}

    static <T> CloudEvent<T> event(String source, String type, String subject, String tenant, T data, Instant time) {
        return new CloudEvent<>(
                CloudEvent.SPEC_VERSION,
                UUID.randomUUID().toString(),
                source,
                type,
                time,
                subject,
                tenant,
                CloudEvent.JSON,
                data);
    }

    static CloudEvent<DeviceRegistered> registered(
            String tenant, String id, String type, String name, String manufacturer, String model, Instant time) {
        return event(
                Sources.DEVICE_REGISTRY,
                EventTypes.DEVICE_REGISTERED,
                id,
                tenant,
                new DeviceRegistered(
                        id,
                        type,
                        name,
                        manufacturer,
                        model,
                        "SN-" + id,
                        false,
                        List.of("fleet-a"),
                        Map.of("firmware", "1.2.3"),
                        time),
                time);
    }

    static CloudEvent<DeviceUpdated> updated(
            String tenant,
            String id,
            String type,
            String name,
            String manufacturer,
            DeviceStatus status,
            Instant time) {
        return event(
                Sources.DEVICE_REGISTRY,
                EventTypes.DEVICE_UPDATED,
                id,
                tenant,
                new DeviceUpdated(
                        id,
                        type,
                        name,
                        manufacturer,
                        "M-1",
                        "SN-" + id,
                        status,
                        List.of("fleet-b"),
                        Map.of("firmware", "2.0.0"),
                        time),
                time);
    }

    static CloudEvent<DeviceDecommissioned> decommissioned(String tenant, String id, String type, Instant time) {
        return event(
                Sources.DEVICE_REGISTRY,
                EventTypes.DEVICE_DECOMMISSIONED,
                id,
                tenant,
                new DeviceDecommissioned(id, type, "replaced", time),
                time);
    }

    /** A telemetry event of one vending machine with one reading. */
    static CloudEvent<TelemetryRecorded> vending(String tenant, String id, Instant ts, Map<String, Double> values) {
        return event(
                Sources.TELEMETRY,
                EventTypes.TELEMETRY_RECORDED,
                id,
                tenant,
                new TelemetryRecorded(id, "vending-machine", "Vendo", List.of(new Reading(ts, values))),
                Instant.now());
    }

    static String json(CloudEvent<?> event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a well-formed event (checked against the contract first) on its topic, keyed by its subject. */
    static String publish(String topic, CloudEvent<?> event) {
        String json = json(event);
        List<String> problems = CONTRACT.validate(json);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("test event breaks the contract: " + problems);
        }
        KafkaTestClient.send(topic, event.subject(), json);
        return json;
    }

    static String lifecycle(CloudEvent<?> event) {
        return publish(Topics.DEVICE_LIFECYCLE, event);
    }

    static String telemetry(CloudEvent<?> event) {
        return publish(Topics.TELEMETRY_READINGS, event);
    }
}
