package io.iotsphere.telemetry.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.iotsphere.commons.messaging.InvalidEventException;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.iotsphere.telemetry.service.IngestionService;
import io.iotsphere.telemetry.service.StoreService;
import io.iotsphere.telemetry.service.TelemetryMetrics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code telemetry-readings} in batches and hands them to the store; the batch's offsets are committed once
 * the store has written it. Records that are not valid {@code telemetry.reading.recorded} events, and events the
 * store cannot use, go to {@code telemetry-readings.dlq} with the reason.
 */
@ApplicationScoped
public class StoreConsumer {

    @Inject
    StoreService store;

    @Inject
    ReadingsPublisher publisher;

    @Inject
    TelemetryMetrics metrics;

    /** A metric name, as the contract ({@code telemetry.reading.recorded}) names the keys of a reading's values. */
    static final Pattern METRIC_NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}(\\.[A-Za-z0-9_-]{1,32})?$");

    @Inject
    ObjectMapper mapper;

    private ObjectReader reader;

    private final Set<String> validNames = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void init() {
        reader = mapper.readerFor(new TypeReference<CloudEvent<TelemetryRecorded>>() {});
    }

    private record Invalid(KafkaRecord<String, String> record, String reason) {}

    @Incoming("store")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<StoreService.Event> events = new ArrayList<>(batch.getRecords().size());
        Map<StoreService.Event, KafkaRecord<String, String>> origins = new IdentityHashMap<>();
        List<Invalid> invalid = new ArrayList<>(0);
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                StoreService.Event event = event(record.getPayload());
                events.add(event);
                origins.put(event, record);
            } catch (InvalidEventException e) {
                invalid.add(new Invalid(record, e.getMessage()));
            }
        }
        return Multi.createFrom()
                .iterable(invalid)
                .onItem()
                .transformToUniAndConcatenate(i -> publisher.reject(
                        i.record().getTopic(),
                        null,
                        i.record().getKey(),
                        bytes(i.record().getPayload()),
                        i.reason()))
                .collect()
                .last()
                .invoke(() -> metrics.storeRejected(invalid.size()))
                .chain(() -> events.isEmpty() ? Uni.createFrom().nullItem() : store.write(events))
                .chain(outcome -> outcome == null || outcome.unusable().isEmpty()
                        ? Uni.createFrom().voidItem()
                        : Multi.createFrom()
                                .iterable(outcome.unusable())
                                .onItem()
                                .transformToUniAndConcatenate(u -> publisher.reject(
                                        origins.get(u.event()).getTopic(),
                                        u.event().tenant(),
                                        u.event().data().deviceId(),
                                        bytes(origins.get(u.event()).getPayload()),
                                        u.reason()))
                                .collect()
                                .last()
                                .invoke(() ->
                                        metrics.storeRejected(outcome.unusable().size()))
                                .replaceWithVoid())
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /**
     * Reads a record straight into the contract's records and checks what the store relies on: the event type, one
     * valid tenant, the device id, 1 to 1000 readings each with a time and at least one value, metric names as the
     * contract names them. The records come from this service's own ingestion; the full JSON Schema check (a tree,
     * then the schema, then the records) was a quarter of the service's CPU per reading, so it is left to the tests
     * that hold the producer to the contract.
     */
    StoreService.Event event(String json) {
        if (json == null) {
            throw new InvalidEventException(List.of("/: empty record"));
        }
        CloudEvent<TelemetryRecorded> event;
        try {
            event = reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(List.of("/: not a CloudEvent of readings: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidEventException(List.of("/: unreadable: " + e.getMessage()));
        }
        if (event == null) {
            throw new InvalidEventException(List.of("/: empty record"));
        }
        if (!EventTypes.TELEMETRY_RECORDED.equals(event.type())) {
            throw new InvalidEventException(
                    List.of("/type: '" + event.type() + "' is not a " + EventTypes.TELEMETRY_RECORDED + " event"));
        }
        if (DeviceTypeUpdated.ALL_TENANTS.equals(event.tenant())) {
            throw new InvalidEventException(List.of("/tenant: readings belong to one tenant, not '*'"));
        }
        if (!Caller.validTenant(event.tenant())) {
            throw new InvalidEventException(List.of("/tenant: not a tenant id"));
        }
        TelemetryRecorded data = event.data();
        if (data == null) {
            throw new InvalidEventException(List.of("/data: required"));
        }
        if (data.deviceId() == null
                || !IngestionService.DEVICE_ID.matcher(data.deviceId()).matches()) {
            throw new InvalidEventException(List.of("/data/deviceId: not a device id"));
        }
        if (data.readings() == null
                || data.readings().isEmpty()
                || data.readings().size() > 1000) {
            throw new InvalidEventException(List.of("/data/readings: 1 to 1000 readings"));
        }
        for (int i = 0; i < data.readings().size(); i++) {
            Reading reading = data.readings().get(i);
            if (reading == null || reading.ts() == null) {
                throw new InvalidEventException(List.of("/data/readings/" + i + "/ts: required"));
            }
            if (reading.values() == null || reading.values().isEmpty()) {
                throw new InvalidEventException(List.of("/data/readings/" + i + "/values: at least one value"));
            }
            for (Map.Entry<String, Double> value : reading.values().entrySet()) {
                if (!metricName(value.getKey())) {
                    throw new InvalidEventException(
                            List.of("/data/readings/" + i + "/values: '" + value.getKey() + "' is not a metric name"));
                }
                if (value.getValue() == null || !Double.isFinite(value.getValue())) {
                    throw new InvalidEventException(
                            List.of("/data/readings/" + i + "/values/" + value.getKey() + ": must be a number"));
                }
            }
        }
        return new StoreService.Event(event.tenant(), data, event.time());
    }

    /** Whether a name is a metric name of the contract; names seen valid are remembered (a few hundred at most). */
    private boolean metricName(String name) {
        if (validNames.contains(name)) {
            return true;
        }
        if (!METRIC_NAME.matcher(name).matches()) {
            return false;
        }
        if (validNames.size() < 100_000) {
            validNames.add(name);
        }
        return true;
    }

    private static byte[] bytes(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }
}
