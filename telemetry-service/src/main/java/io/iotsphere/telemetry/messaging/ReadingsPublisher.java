package io.iotsphere.telemetry.messaging;

import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.iotsphere.telemetry.Device;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes accepted readings to {@code telemetry-readings} (one {@code telemetry.reading.recorded} event per payload,
 * key = device id) and what could not be used to {@code telemetry-readings.dlq}, with the reason. Both complete when
 * the broker has the record (acks=all).
 */
@ApplicationScoped
public class ReadingsPublisher {

    /** Headers of a dead-lettered record, named as SmallRye's own dead-letter strategy names them. */
    public static final String REASON = "dead-letter-reason";

    public static final String SOURCE = "dead-letter-topic";
    public static final String TENANT = "tenant";
    public static final String DEVICE = "device-id";

    /** Characters of one event at most: below Kafka's default limit of 1 MiB per record, headers included. */
    private static final int MAX_EVENT_CHARS = 900_000;

    /** Bytes of a reason header at most (the full list of violations of a 1000-reading batch can be long). */
    private static final int MAX_REASON = 8192;

    @Inject
    @Channel("readings")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
    MutinyEmitter<String> readings;

    @Inject
    @Channel("rejected")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<byte[]> rejected;

    @Inject
    EventCodec codec;

    /**
     * Publishes readings of a device: one event, or several when one would exceed what a Kafka record may hold (a
     * batch of 1000 readings of 256 values each).
     */
    public Uni<Void> publish(Device device, List<Reading> accepted) {
        CloudEvent<TelemetryRecorded> event = CloudEvent.of(
                Sources.TELEMETRY,
                EventTypes.TELEMETRY_RECORDED,
                device.deviceId(),
                device.tenant(),
                new TelemetryRecorded(device.deviceId(), device.deviceType(), device.manufacturer(), accepted));
        String json = codec.encode(event);
        if (json.length() > MAX_EVENT_CHARS && accepted.size() > 1) {
            int half = accepted.size() / 2;
            return publish(device, accepted.subList(0, half))
                    .chain(() -> publish(device, accepted.subList(half, accepted.size())));
        }
        return readings.sendMessage(Message.of(json).addMetadata(EventCodec.metadata(device.deviceId(), null)));
    }

    /**
     * Sends what was not used to the dead-letter topic.
     *
     * @param source where it came from: {@code mqtt:<topic>}, the Kafka topic, ...
     * @param tenant and {@code deviceId}: as far as known ({@code null} otherwise)
     */
    public Uni<Void> reject(String source, String tenant, String deviceId, byte[] payload, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, truncate(reason).getBytes(StandardCharsets.UTF_8));
        headers.add(SOURCE, source.getBytes(StandardCharsets.UTF_8));
        if (tenant != null) {
            headers.add(TENANT, tenant.getBytes(StandardCharsets.UTF_8));
        }
        if (deviceId != null) {
            headers.add(DEVICE, deviceId.getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(deviceId)
                .withHeaders(headers)
                .build();
        return rejected.sendMessage(Message.of(payload).addMetadata(metadata));
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
    }
}
