package io.iotsphere.shadow.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.commons.messaging.DeadLetters;
import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.iotsphere.shadow.service.ShadowMetrics;
import io.iotsphere.shadow.service.ShadowService;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code telemetry-readings}: the latest value of each metric becomes the device's reported state, unless the shadow
 * already holds a newer value for that field (late and replayed readings change nothing). Consumes in batches (one
 * poll): the readings of one device in a batch make one update of its shadow, the devices of a batch are updated
 * concurrently, and the batch is acknowledged (offsets committed) once every device's update is stored. Invalid
 * events, and readings that would push the shadow over its size limit, go to the DLQ with the reason.
 */
@ApplicationScoped
public class TelemetryConsumer {

    /** Shadows of one batch updated at once (their writes share script runs, see ShadowStore). */
    static final int CONCURRENCY = 16;

    private final EventCodec codec;
    private final ShadowService shadows;
    private final ShadowMetrics metrics;
    private final DeadLetters deadLetters;

    public TelemetryConsumer(
            EventCodec codec,
            ShadowService shadows,
            ShadowMetrics metrics,
            @Channel("telemetry-dead-letters") MutinyEmitter<String> deadLetterEmitter) {
        this.codec = codec;
        this.shadows = shadows;
        this.metrics = metrics;
        this.deadLetters = new DeadLetters(deadLetterEmitter);
    }

    private record DeviceKey(String tenant, String deviceId) {}

    /** A device's readings in a batch, and the records they came in (dead-lettered together if refused). */
    private record DeviceReadings(List<Reading> readings, List<KafkaRecord<String, String>> records) {}

    @Incoming("telemetry")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        Map<DeviceKey, DeviceReadings> byDevice = new LinkedHashMap<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                CloudEvent<JsonNode> event = codec.decode(record.getPayload());
                if (!EventTypes.TELEMETRY_RECORDED.equals(event.type())) {
                    metrics.ignored("telemetry-readings", "other-type");
                    continue;
                }
                TelemetryRecorded recorded = codec.data(event, TelemetryRecorded.class);
                DeviceReadings device = byDevice.computeIfAbsent(
                        new DeviceKey(event.tenant(), recorded.deviceId()),
                        key -> new DeviceReadings(new ArrayList<>(), new ArrayList<>()));
                device.readings().addAll(recorded.readings());
                device.records().add(record);
            } catch (RuntimeException e) {
                deadLetters.reject(record, reason(e));
            }
        }
        if (byDevice.isEmpty()) {
            return Uni.createFrom().completionStage(batch.ack());
        }
        return Multi.createFrom()
                .iterable(byDevice.entrySet())
                .onItem()
                .transformToUni(entry -> apply(entry.getKey(), entry.getValue()))
                .merge(CONCURRENCY)
                .collect()
                .last()
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /**
     * One device's update; retried while Redis is unreachable, dead-lettered when the update itself is refused (or
     * fails in any other way: the other devices of the batch go on).
     */
    private Uni<Boolean> apply(DeviceKey device, DeviceReadings readings) {
        return Retries.untilStoreAnswers(Uni.createFrom()
                        .deferred(() -> shadows.applyReadings(device.tenant(), device.deviceId(), readings.readings())))
                .onFailure()
                .recoverWithItem(failure -> {
                    readings.records().forEach(record -> deadLetters.reject(record, reason(failure)));
                    return false;
                });
    }

    private static String reason(Throwable failure) {
        if (failure instanceof HttpProblem problem && problem.getDetail() != null) {
            return problem.getDetail();
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
