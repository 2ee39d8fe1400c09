package io.iotsphere.command.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.command.service.DeviceProjection;
import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.commons.messaging.InvalidEventException;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceStatus;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.iotsphere.contracts.device.DeviceUpdated;
import io.iotsphere.contracts.device.PresenceChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The registry's {@code device-lifecycle} events, read from the earliest: the catalog, devices, decommissioning and
 * presence, kept in this service's database ({@link DeviceProjection}). An event that does not conform goes to
 * {@code device-lifecycle.dlq} with the reason; a database failure is retried, so no change is lost; the offset is
 * committed after the write.
 */
@ApplicationScoped
public class LifecycleListener {

    private static final Logger LOG = Logger.getLogger(LifecycleListener.class);

    @Inject
    EventCodec codec;

    @Inject
    DeviceProjection projection;

    @Incoming("lifecycle")
    public Uni<Void> onEvent(String json) {
        CloudEvent<JsonNode> event = codec.decode(json);
        Uni<Void> write = switch (event.type()) {
            case EventTypes.DEVICE_TYPE_UPDATED -> projection.typeUpdated(codec.data(event, DeviceTypeUpdated.class));
            case EventTypes.DEVICE_REGISTERED -> {
                DeviceRegistered d = codec.data(event, DeviceRegistered.class);
                yield projection.upsert(tenant(event), d.deviceId(), d.deviceType(), false);
            }
            case EventTypes.DEVICE_UPDATED -> {
                DeviceUpdated d = codec.data(event, DeviceUpdated.class);
                yield projection.upsert(
                        tenant(event), d.deviceId(), d.deviceType(), d.status() == DeviceStatus.DECOMMISSIONED);
            }
            case EventTypes.DEVICE_DECOMMISSIONED -> {
                DeviceDecommissioned d = codec.data(event, DeviceDecommissioned.class);
                yield projection.decommissioned(tenant(event), d.deviceId(), d.deviceType());
            }
            case EventTypes.DEVICE_PRESENCE_CHANGED -> {
                PresenceChanged p = codec.data(event, PresenceChanged.class);
                yield projection.presence(tenant(event), p.deviceId(), p.online(), p.changedAt());
            }
            default -> Uni.createFrom().voidItem();
        };
        return write.onFailure()
                .invoke(e -> LOG.warnf("applying %s %s failed, retrying: %s", event.type(), event.id(), e.getMessage()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely();
    }

    /** A device event names the tenant it belongs to ('*' is for the catalog only). */
    static String tenant(CloudEvent<?> event) {
        if (!Caller.validTenant(event.tenant())) {
            throw new InvalidEventException(List.of("/tenant: a device event needs the tenant of the device"));
        }
        return event.tenant();
    }
}
