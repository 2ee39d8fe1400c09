package io.iotsphere.telemetry.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.commons.messaging.InvalidEventException;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.iotsphere.telemetry.service.StoreService;
import io.iotsphere.telemetry.service.TelemetryMetrics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code telemetry-readings} in batches and hands them to the store; the batch's offsets are committed once
 * the store has written it. Records that are not valid {@code telemetry.reading.recorded} events, and events the
 * store cannot use, go to {@code telemetry-readings.dlq} with the reason.
 */
@ApplicationScoped
public class StoreConsumer {

    @Inject
    EventCodec codec;

    @Inject
    StoreService store;

    @Inject
    ReadingsPublisher publisher;

    @Inject
    TelemetryMetrics metrics;

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

    private StoreService.Event event(String json) {
        if (json == null) {
            throw new InvalidEventException(List.of("/: empty record"));
        }
        CloudEvent<JsonNode> event = codec.decode(json);
        if (!EventTypes.TELEMETRY_RECORDED.equals(event.type())) {
            throw new InvalidEventException(
                    List.of("/type: '" + event.type() + "' is not a " + EventTypes.TELEMETRY_RECORDED + " event"));
        }
        if (DeviceTypeUpdated.ALL_TENANTS.equals(event.tenant())) {
            throw new InvalidEventException(List.of("/tenant: readings belong to one tenant, not '*'"));
        }
        return new StoreService.Event(event.tenant(), codec.data(event, TelemetryRecorded.class), event.time());
    }

    private static byte[] bytes(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }
}
