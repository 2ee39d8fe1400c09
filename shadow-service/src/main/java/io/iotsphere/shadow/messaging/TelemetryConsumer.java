package io.iotsphere.shadow.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.iotsphere.shadow.service.ShadowMetrics;
import io.iotsphere.shadow.service.ShadowService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code telemetry-readings}: the latest value of each metric becomes the device's reported state, unless the shadow
 * already holds a newer value for that field (late and replayed readings change nothing). Invalid events, and readings
 * that would push the shadow over its size limit, go to the DLQ with the reason.
 */
@ApplicationScoped
public class TelemetryConsumer {

    private final EventCodec codec;
    private final ShadowService shadows;
    private final ShadowMetrics metrics;

    public TelemetryConsumer(EventCodec codec, ShadowService shadows, ShadowMetrics metrics) {
        this.codec = codec;
        this.shadows = shadows;
        this.metrics = metrics;
    }

    @Incoming("telemetry")
    public Uni<Void> consume(String json) {
        CloudEvent<JsonNode> event = codec.decode(json);
        if (!EventTypes.TELEMETRY_RECORDED.equals(event.type())) {
            metrics.ignored("telemetry-readings", "other-type");
            return Uni.createFrom().voidItem();
        }
        TelemetryRecorded recorded = codec.data(event, TelemetryRecorded.class);
        return Retries.untilStoreAnswers(
                        shadows.applyReadings(event.tenant(), recorded.deviceId(), recorded.readings()))
                .replaceWithVoid();
    }
}
