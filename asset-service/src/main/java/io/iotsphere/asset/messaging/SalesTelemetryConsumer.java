package io.iotsphere.asset.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsphere.asset.AssetTypes;
import io.iotsphere.asset.service.InventoryService;
import io.iotsphere.commons.messaging.DeadLetters;
import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Sales and counts of vending machines from {@code telemetry-readings}, read in batches. Only events of
 * {@code vending-machine} devices are decoded (checked against the contract) and applied, one after the other, each in
 * its own transaction; the batch is acknowledged after the last write. A record that is no event, or a vending event
 * that breaks the contract, goes to {@code telemetry-readings.dlq} with the reason; database failures are retried.
 */
@ApplicationScoped
public class SalesTelemetryConsumer {

    @Inject
    ObjectMapper mapper;

    @Inject
    EventCodec codec;

    @Inject
    InventoryService inventory;

    private final DeadLetters deadLetters;

    @Inject
    public SalesTelemetryConsumer(@Channel("dead-letters") MutinyEmitter<String> deadLetterEmitter) {
        this.deadLetters = new DeadLetters(deadLetterEmitter);
    }

    @Incoming("readings")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return Multi.createFrom()
                .iterable(batch.getRecords())
                .onItem()
                .transformToUniAndConcatenate(this::handle)
                .collect()
                .last()
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private Uni<Void> handle(KafkaRecord<String, String> record) {
        CloudEvent<JsonNode> event;
        TelemetryRecorded telemetry;
        try {
            JsonNode tree = mapper.readTree(record.getPayload());
            if (!isVendingTelemetry(tree)) {
                return Uni.createFrom().voidItem();
            }
            event = codec.decode(record.getPayload());
            telemetry = codec.data(event, TelemetryRecorded.class);
        } catch (Exception e) {
            deadLetters.reject(record, Failures.reason(e));
            return Uni.createFrom().voidItem();
        }
        return Failures.retryTransient(
                        inventory.applyTelemetry(event.tenant(), event.id(), telemetry),
                        "applying telemetry " + event.id())
                .onFailure()
                .recoverWithItem(f -> {
                    deadLetters.reject(record, Failures.reason(f));
                    return null;
                })
                .replaceWithVoid();
    }

    /** Whether the record is a telemetry event of a vending machine (cheap look before the full contract check). */
    private static boolean isVendingTelemetry(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("the record is not a JSON object");
        }
        JsonNode type = tree.get("type");
        if (type != null && type.isTextual() && !EventTypes.TELEMETRY_RECORDED.equals(type.asText())) {
            return false;
        }
        JsonNode deviceType = tree.path("data").path("deviceType");
        return AssetTypes.VENDING_MACHINE.equals(deviceType.asText(null));
    }
}
