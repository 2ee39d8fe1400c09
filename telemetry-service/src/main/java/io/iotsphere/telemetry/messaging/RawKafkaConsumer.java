package io.iotsphere.telemetry.messaging;

import io.iotsphere.commons.security.Caller;
import io.iotsphere.telemetry.service.IngestionService;
import io.iotsphere.telemetry.service.TelemetryMetrics.Channel;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Raw device payloads on Kafka ({@code telemetry-raw}): the same payload as over HTTP and MQTT, the device id as the
 * record key and the tenant in the {@code tenant} header (what a protocol bridge or an edge gateway produces). Valid
 * readings are published to {@code telemetry-readings}, the others go to {@code telemetry-readings.dlq}; the batch is
 * committed when every record of it is handled.
 */
@ApplicationScoped
public class RawKafkaConsumer {

    public static final String TENANT_HEADER = "tenant";

    private static final Logger LOG = Logger.getLogger(RawKafkaConsumer.class);

    @Inject
    IngestionService ingestion;

    @Incoming("raw")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return Multi.createFrom()
                .iterable(batch.getRecords())
                .onItem()
                .transformToUniAndMerge(this::ingest)
                .collect()
                .last()
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private Uni<Void> ingest(KafkaRecord<String, byte[]> record) {
        Header header = record.getHeaders().lastHeader(TENANT_HEADER);
        String tenant = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        String deviceId = record.getKey();
        byte[] payload = record.getPayload() == null ? new byte[0] : record.getPayload();
        Uni<Void> work;
        if (!Caller.validTenant(tenant)) {
            work = ingestion.refuseUnaddressed(
                    Channel.KAFKA,
                    record.getTopic(),
                    tenant,
                    deviceId,
                    payload,
                    "the record names no valid tenant (header '" + TENANT_HEADER + "')");
        } else if (deviceId == null) {
            work = ingestion.refuseUnaddressed(
                    Channel.KAFKA, record.getTopic(), tenant, null, payload, "the record has no key (the device id)");
        } else {
            work = ingestion.ingestDevice(Channel.KAFKA, record.getTopic(), tenant, deviceId, payload);
        }
        // Kafka did not take the readings (or the reason): try again; the batch is not committed before.
        return work.onFailure()
                .invoke(failure -> LOG.warnf(
                        "raw record of %s on %s-%d not handled (%s); retrying",
                        deviceId, record.getTopic(), record.getPartition(), failure.toString()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely();
    }
}
