package io.iotsphere.commons.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends one rejected record to {@code <its topic>.dlq} with the reason, for consumers that handle records in batches
 * (where the channel's own dead-letter strategy would reject the whole batch). Same headers as SmallRye's strategy:
 * {@code dead-letter-reason}, {@code -topic}, {@code -partition}, {@code -offset}. The service gives it an emitter of
 * an outgoing smallrye-kafka channel with String serializers (the topic is chosen per record).
 */
public final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<String> emitter;

    public DeadLetters(MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Sends a record received from Kafka (it carries its incoming metadata) to its topic's dead-letter topic. */
    public void reject(Message<String> record, String reason) {
        IncomingKafkaRecordMetadata<?, ?> source = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("not a record received from Kafka"));
        LOG.warnf(
                "rejected record %s-%d@%d to the dead-letter topic: %s",
                source.getTopic(), source.getPartition(), source.getOffset(), reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", bytes(reason));
        headers.add("dead-letter-topic", bytes(source.getTopic()));
        headers.add("dead-letter-partition", bytes(String.valueOf(source.getPartition())));
        headers.add("dead-letter-offset", bytes(String.valueOf(source.getOffset())));
        OutgoingKafkaRecordMetadata<Object> metadata = OutgoingKafkaRecordMetadata.builder()
                .withTopic(source.getTopic() + ".dlq")
                .withKey(source.getKey())
                .withHeaders(headers)
                .build();
        emitter.sendMessageAndForget(Message.of(record.getPayload()).addMetadata(metadata));
    }

    private static byte[] bytes(String value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
