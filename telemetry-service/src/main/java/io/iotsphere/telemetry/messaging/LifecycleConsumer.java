package io.iotsphere.telemetry.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.commons.messaging.InvalidEventException;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceStatus;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.iotsphere.contracts.device.DeviceUpdated;
import io.iotsphere.telemetry.Tenant;
import io.iotsphere.telemetry.config.TelemetryConfig;
import io.iotsphere.telemetry.repository.DirectoryRepository;
import io.iotsphere.telemetry.service.DeviceDirectory;
import io.iotsphere.telemetry.service.Partitions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the projection of devices and device types from {@code device-lifecycle}: registered, updated and
 * decommissioned devices (per tenant), and the catalog's device types (tenant {@code *}). An event that does not
 * conform goes to {@code device-lifecycle.dlq} with the reason; a database failure is retried, in order, until the
 * write succeeds.
 */
@ApplicationScoped
public class LifecycleConsumer {

    private static final Logger LOG = Logger.getLogger(LifecycleConsumer.class);

    @Inject
    EventCodec codec;

    @Inject
    Pool pool;

    @Inject
    DirectoryRepository repository;

    @Inject
    DeviceDirectory directory;

    @Inject
    Partitions partitions;

    @Inject
    TelemetryConfig config;

    @Incoming("lifecycle")
    public Uni<Void> consume(String json) {
        CloudEvent<JsonNode> event;
        try {
            event = codec.decode(json);
        } catch (InvalidEventException e) {
            return Uni.createFrom().failure(e);
        }
        return apply(event)
                .onFailure(failure -> !(failure instanceof InvalidEventException))
                .invoke(failure -> LOG.warnf("cannot record %s %s (%s); retrying", event.type(), event.id(), failure))
                .onFailure(failure -> !(failure instanceof InvalidEventException))
                .retry()
                .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30))
                .indefinitely();
    }

    private Uni<Void> apply(CloudEvent<JsonNode> event) {
        switch (event.type()) {
            case EventTypes.DEVICE_REGISTERED -> {
                DeviceRegistered d = codec.data(event, DeviceRegistered.class);
                return device(event, d.deviceId(), d.deviceType(), d.manufacturer(), false, d.registeredAt());
            }
            case EventTypes.DEVICE_UPDATED -> {
                DeviceUpdated d = codec.data(event, DeviceUpdated.class);
                return device(
                        event,
                        d.deviceId(),
                        d.deviceType(),
                        d.manufacturer(),
                        d.status() == DeviceStatus.DECOMMISSIONED,
                        d.updatedAt());
            }
            case EventTypes.DEVICE_DECOMMISSIONED -> {
                DeviceDecommissioned d = codec.data(event, DeviceDecommissioned.class);
                return device(event, d.deviceId(), d.deviceType(), null, true, d.decommissionedAt());
            }
            case EventTypes.DEVICE_TYPE_UPDATED -> {
                return type(event, codec.data(event, DeviceTypeUpdated.class));
            }
            default -> {
                // Presence and other device events say nothing telemetry needs.
                return Uni.createFrom().voidItem();
            }
        }
    }

    private Uni<Void> device(
            CloudEvent<JsonNode> event,
            String deviceId,
            String deviceType,
            String manufacturer,
            boolean decommissioned,
            Instant changedAt) {
        if (DeviceTypeUpdated.ALL_TENANTS.equals(event.tenant())) {
            return Uni.createFrom()
                    .failure(new InvalidEventException(
                            List.of("/tenant: a device event belongs to one tenant, not '*'")));
        }
        Instant when = changedAt != null ? changedAt : event.time() != null ? event.time() : Instant.now();
        AtomicReference<Tenant> tenant = new AtomicReference<>();
        return pool.withTransaction(c -> repository
                        .ensureTenant(c, event.tenant())
                        .invoke(tenant::set)
                        .chain(t ->
                                repository.upsertDevice(c, t, deviceId, deviceType, manufacturer, decommissioned, when))
                        .call(changed -> changed
                                ? repository.notifyChange(c, DeviceDirectory.deviceChange(event.tenant(), deviceId))
                                : Uni.createFrom().voidItem()))
                .invoke(changed -> directory.changed(DeviceDirectory.deviceChange(event.tenant(), deviceId)))
                .chain(() -> partitions.ensure(daysAhead(tenant.get().tenantKey())));
    }

    private Uni<Void> type(CloudEvent<JsonNode> event, DeviceTypeUpdated type) {
        if (!DeviceTypeUpdated.ALL_TENANTS.equals(event.tenant())) {
            return Uni.createFrom()
                    .failure(new InvalidEventException(
                            List.of("/tenant: a device type belongs to the platform-wide catalog (tenant '*')")));
        }
        Instant when = type.updatedAt() != null ? type.updatedAt() : event.time();
        return pool.withTransaction(c -> repository
                        .upsertType(
                                c,
                                type.typeId(),
                                type.version(),
                                type.capabilities().telemetry(),
                                when)
                        .call(changed -> changed
                                ? repository.notifyChange(c, DeviceDirectory.typeChange(type.typeId()))
                                : Uni.createFrom().voidItem()))
                .invoke(changed -> directory.changed(DeviceDirectory.typeChange(type.typeId())))
                .replaceWithVoid();
    }

    /** Today's partition and the next few: a new tenant's first readings need not create them. */
    private List<Long> daysAhead(int tenantKey) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Long> days = new ArrayList<>();
        for (int d = 0; d <= config.retention().daysAhead(); d++) {
            days.add(Partitions.key(tenantKey, today.plusDays(d)));
        }
        return days;
    }
}
