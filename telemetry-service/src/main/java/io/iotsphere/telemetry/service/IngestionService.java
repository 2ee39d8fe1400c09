package io.iotsphere.telemetry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsphere.telemetry.Device;
import io.iotsphere.telemetry.DeviceType;
import io.iotsphere.telemetry.Violation;
import io.iotsphere.telemetry.config.TelemetryConfig;
import io.iotsphere.telemetry.messaging.ReadingsPublisher;
import io.iotsphere.telemetry.service.TelemetryMetrics.Channel;
import io.iotsphere.telemetry.service.TelemetryMetrics.Reason;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ingestion path shared by HTTP, MQTT and raw Kafka: find the device and its type, normalise the payload, publish
 * the accepted readings to {@code telemetry-readings}. Over HTTP a payload is accepted whole or refused whole (the
 * client sees why and can send again); from MQTT and Kafka the valid readings go on and the others go to
 * {@code telemetry-readings.dlq} with the reason, since nobody is there to answer.
 */
@ApplicationScoped
public class IngestionService {

    public static final Pattern DEVICE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");

    @Inject
    DeviceDirectory directory;

    @Inject
    Normalizer normalizer;

    @Inject
    ReadingsPublisher publisher;

    @Inject
    TelemetryMetrics metrics;

    @Inject
    TelemetryConfig config;

    @Inject
    ObjectMapper mapper;

    /** A payload refused as a whole, and why. */
    public static class Refused extends RuntimeException {

        private final Reason reason;
        private final transient List<Violation> violations;

        public Refused(Reason reason, String message, List<Violation> violations) {
            super(message, null, false, false);
            this.reason = reason;
            this.violations = List.copyOf(violations);
        }

        public Refused(Reason reason, String message) {
            this(reason, message, List.of());
        }

        public Reason reason() {
            return reason;
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /** The device, its type and its tenant's raw retention: what normalisation needs. */
    record Target(Device device, DeviceType type, int rawRetentionDays) {}

    /** HTTP: every reading is accepted, or nothing is and {@link Refused} says why. Returns the readings accepted. */
    public Uni<Integer> ingestHttp(String tenant, String deviceId, byte[] body) {
        Instant received = Instant.now();
        return target(tenant, deviceId)
                .chain(target -> {
                    Normalizer.Payload payload = parse(body);
                    Normalizer.Result result = normalizer.normalize(
                            payload, target.device(), target.type(), received, target.rawRetentionDays());
                    if (!result.rejected().isEmpty()) {
                        List<Violation> all = new ArrayList<>();
                        result.rejected().forEach(r -> all.addAll(r.violations()));
                        throw new Refused(
                                Reason.INVALID_READING,
                                result.rejected().size() + " of " + payload.size()
                                        + " readings are invalid; nothing was accepted",
                                all);
                    }
                    return publisher
                            .publish(target.device(), result.accepted())
                            .map(v -> result.accepted().size());
                })
                .invoke(accepted -> metrics.ingested(Channel.HTTP, accepted))
                .onFailure(Refused.class)
                .invoke(refused -> metrics.rejected(Channel.HTTP, ((Refused) refused).reason(), readings(body)));
    }

    /**
     * MQTT and raw Kafka: the valid readings are published, the rest go to the dead-letter topic with the reason.
     * Fails only when Kafka does not take the records (the caller retries; nothing is acknowledged before).
     *
     * @param source where the payload came from, for the dead-letter record ({@code mqtt:<topic>}, a Kafka topic)
     */
    public Uni<Void> ingestDevice(Channel channel, String source, String tenant, String deviceId, byte[] payload) {
        Instant received = Instant.now();
        if (payload.length > config.ingest().maxPayloadBytes()) {
            return refuse(
                    channel,
                    source,
                    tenant,
                    deviceId,
                    payload,
                    new Refused(
                            Reason.MALFORMED,
                            "payload of " + payload.length + " bytes exceeds "
                                    + config.ingest().maxPayloadBytes() + " bytes; its first 64 KiB are kept here"));
        }
        return target(tenant, deviceId)
                .chain(target -> {
                    Normalizer.Payload parsed = parse(payload);
                    Normalizer.Result result = normalizer.normalize(
                            parsed, target.device(), target.type(), received, target.rawRetentionDays());
                    Uni<Void> published = result.accepted().isEmpty()
                            ? Uni.createFrom().voidItem()
                            : publisher
                                    .publish(target.device(), result.accepted())
                                    .invoke(() -> metrics.ingested(
                                            channel, result.accepted().size()));
                    if (result.rejected().isEmpty()) {
                        return published;
                    }
                    return published
                            .chain(() -> publisher.reject(
                                    source, tenant, deviceId, rejectedReadings(result.rejected()), reasons(result)))
                            .invoke(() -> metrics.rejected(
                                    channel,
                                    Reason.INVALID_READING,
                                    result.rejected().size()));
                })
                .onFailure(Refused.class)
                .recoverWithUni(failure -> refuse(channel, source, tenant, deviceId, payload, (Refused) failure));
    }

    /** MQTT topics and Kafka headers that do not name a device at all. */
    public Uni<Void> refuseUnaddressed(
            Channel channel, String source, String tenant, String deviceId, byte[] payload, String why) {
        return refuse(channel, source, tenant, deviceId, payload, new Refused(Reason.MALFORMED, why));
    }

    private Uni<Void> refuse(
            Channel channel, String source, String tenant, String deviceId, byte[] payload, Refused refused) {
        String reason = refused.violations().isEmpty()
                ? refused.getMessage()
                : refused.getMessage() + ": " + PayloadException.describe(refused.violations());
        byte[] kept = payload.length > config.ingest().maxPayloadBytes() ? Arrays.copyOf(payload, 65536) : payload;
        return publisher
                .reject(source, tenant, deviceId, kept, reason)
                .invoke(() -> metrics.rejected(channel, refused.reason(), readings(kept)));
    }

    private Uni<Target> target(String tenant, String deviceId) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            return Uni.createFrom()
                    .failure(new Refused(Reason.UNKNOWN_DEVICE, "no device '" + deviceId + "' in this tenant"));
        }
        return directory.device(tenant, deviceId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom()
                        .failure(new Refused(Reason.UNKNOWN_DEVICE, "no device '" + deviceId + "' in this tenant"));
            }
            Device device = found.get();
            if (device.decommissioned()) {
                return Uni.createFrom()
                        .failure(new Refused(
                                Reason.DECOMMISSIONED,
                                "device '" + deviceId + "' is decommissioned and takes no telemetry"));
            }
            return directory.type(device.deviceType()).chain(type -> {
                if (type.isEmpty()) {
                    return Uni.createFrom()
                            .failure(new Refused(
                                    Reason.UNKNOWN_TYPE,
                                    "the type '" + device.deviceType() + "' of device '" + deviceId
                                            + "' is not in the device type catalog yet"));
                }
                int defaultDays = config.retention().rawDays();
                return directory
                        .tenant(tenant)
                        .map(t -> new Target(
                                device,
                                type.get(),
                                t.map(x -> x.rawDays(defaultDays)).orElse(defaultDays)));
            });
        });
    }

    private Normalizer.Payload parse(byte[] payload) {
        try {
            return normalizer.parse(payload);
        } catch (PayloadException e) {
            throw new Refused(Reason.MALFORMED, "the payload is not a device payload", e.violations());
        }
    }

    /** Readings in a payload, for the metrics of a refused one (1 when it cannot be read). */
    private int readings(byte[] payload) {
        try {
            return normalizer.parse(payload).size();
        } catch (PayloadException e) {
            return 1;
        }
    }

    private byte[] rejectedReadings(List<Normalizer.Rejected> rejected) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode array = root.putArray("readings");
        for (Normalizer.Rejected r : rejected) {
            ObjectNode copy = r.item().node().deepCopy();
            if (!copy.has("ts")) {
                copy.put("ts", r.ts().toString());
            }
            array.add(copy);
        }
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String reasons(Normalizer.Result result) {
        List<Violation> all = new ArrayList<>();
        result.rejected().forEach(r -> all.addAll(r.violations()));
        return result.rejected().size() + " of "
                + (result.accepted().size() + result.rejected().size())
                + " readings rejected (the others were accepted): " + PayloadException.describe(all);
    }
}
