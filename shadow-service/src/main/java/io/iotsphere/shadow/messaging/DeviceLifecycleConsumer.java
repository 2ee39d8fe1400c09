package io.iotsphere.shadow.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.PresenceChanged;
import io.iotsphere.shadow.repository.ShadowStore;
import io.iotsphere.shadow.service.ShadowMetrics;
import io.iotsphere.shadow.service.ShadowService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code device-lifecycle}: keeps the projection of the devices that exist (a shadow of an unknown device is 404),
 * deletes the shadow of a decommissioned device, and queues a push of the whole delta when a device comes back online.
 * Other event types of the topic are not this service's business. Invalid events go to the DLQ.
 */
@ApplicationScoped
public class DeviceLifecycleConsumer {

    private final EventCodec codec;
    private final ShadowStore store;
    private final ShadowService shadows;
    private final ShadowMetrics metrics;

    public DeviceLifecycleConsumer(EventCodec codec, ShadowStore store, ShadowService shadows, ShadowMetrics metrics) {
        this.codec = codec;
        this.store = store;
        this.shadows = shadows;
        this.metrics = metrics;
    }

    @Incoming("lifecycle")
    public Uni<Void> consume(String json) {
        CloudEvent<JsonNode> event = codec.decode(json);
        String tenant = event.tenant();
        Uni<Void> work = switch (event.type()) {
            case EventTypes.DEVICE_REGISTERED -> {
                DeviceRegistered registered = codec.data(event, DeviceRegistered.class);
                yield store.register(tenant, registered.deviceId(), registered.deviceType());
            }
            case EventTypes.DEVICE_DECOMMISSIONED ->
                shadows.purge(
                        tenant, codec.data(event, DeviceDecommissioned.class).deviceId());
            case EventTypes.DEVICE_PRESENCE_CHANGED -> {
                PresenceChanged presence = codec.data(event, PresenceChanged.class);
                yield presence.online()
                        ? store.requestDeltaPush(tenant, presence.deviceId())
                        : Uni.createFrom().voidItem();
            }
            default -> {
                metrics.ignored("device-lifecycle", "other-type");
                yield Uni.createFrom().voidItem();
            }
        };
        return Retries.untilStoreAnswers(work);
    }
}
