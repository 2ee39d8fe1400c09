package io.iotsphere.simulator.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Backfill's way in: device payloads on the telemetry service's raw topic ({@code telemetry-raw}: key = device id,
 * header {@code tenant}), exactly as a protocol bridge would hand them over; telemetry validates, transforms and
 * stores them like MQTT or HTTP readings.
 */
@ApplicationScoped
public class RawTelemetry {

    public static final String TENANT_HEADER = "tenant";

    @Inject
    @Channel("raw")
    MutinyEmitter<String> emitter;

    /** Completes when Kafka acknowledged the record. */
    public Uni<Void> send(String tenant, String deviceId, String payload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TENANT_HEADER, tenant.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(deviceId)
                .withHeaders(headers)
                .build();
        return Uni.createFrom()
                .emitter(e -> emitter.sendMessageAndForget(Message.of(payload)
                        .addMetadata(metadata)
                        .withAck(() -> {
                            e.complete(null);
                            return java.util.concurrent.CompletableFuture.completedFuture(null);
                        })
                        .withNack(failure -> {
                            e.fail(failure);
                            return java.util.concurrent.CompletableFuture.completedFuture(null);
                        })));
    }
}
