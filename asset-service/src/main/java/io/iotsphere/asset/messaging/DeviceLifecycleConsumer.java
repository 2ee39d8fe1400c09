package io.iotsphere.asset.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.asset.service.DeviceSync;
import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceUpdated;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Devices from {@code device-lifecycle}, one event at a time (in order per device), acknowledged after the write. An
 * event that breaks its contract or contradicts a stored asset is rejected to {@code device-lifecycle.dlq} with the
 * reason; a database failure is retried until it passes. Types other than registered / updated / decommissioned
 * (presence, the type catalog) are not this service's concern.
 */
@ApplicationScoped
public class DeviceLifecycleConsumer {

    private static final Logger LOG = Logger.getLogger(DeviceLifecycleConsumer.class);

    @Inject
    EventCodec codec;

    @Inject
    DeviceSync devices;

    @Incoming("lifecycle")
    public Uni<Void> consume(String json) {
        return Uni.createFrom()
                .item(() -> codec.decode(json))
                .chain(event -> Failures.retryTransient(apply(event), "applying " + event.type() + " " + event.id()))
                .onFailure()
                .invoke(f ->
                        LOG.warnf("rejected a device-lifecycle event to the dead-letter topic: %s", Failures.reason(f)))
                .replaceWithVoid();
    }

    private Uni<DeviceSync.Outcome> apply(CloudEvent<JsonNode> event) {
        return switch (event.type()) {
            case EventTypes.DEVICE_REGISTERED ->
                devices.registered(event.tenant(), event.time(), codec.data(event, DeviceRegistered.class));
            case EventTypes.DEVICE_UPDATED ->
                devices.updated(event.tenant(), event.time(), codec.data(event, DeviceUpdated.class));
            case EventTypes.DEVICE_DECOMMISSIONED ->
                devices.decommissioned(event.tenant(), event.time(), codec.data(event, DeviceDecommissioned.class));
            default -> Uni.createFrom().item(DeviceSync.Outcome.IGNORED);
        };
    }
}
