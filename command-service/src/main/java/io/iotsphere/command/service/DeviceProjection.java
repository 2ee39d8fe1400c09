package io.iotsphere.command.service;

import io.iotsphere.command.Command;
import io.iotsphere.command.KnownDevice;
import io.iotsphere.command.KnownDeviceType;
import io.iotsphere.commons.persistence.TenantKey;
import io.iotsphere.contracts.command.CommandStatus;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.iotsphere.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

/**
 * This service's copy of the registry's catalog and devices, kept from {@code device-lifecycle} events. Every update
 * is idempotent (replays of the topic change nothing): the newest catalog version wins, presence changes older than
 * the one kept are ignored. A device that comes online gets what waits for it; a decommissioned device's open
 * commands fail.
 */
@ApplicationScoped
public class DeviceProjection {

    static final List<CommandStatus> OPEN =
            List.of(CommandStatus.QUEUED, CommandStatus.SENT, CommandStatus.DELIVERED, CommandStatus.TIMED_OUT);

    @Inject
    Dispatcher dispatcher;

    @Inject
    Transitions transitions;

    @Inject
    Outbox outbox;

    public Uni<Void> typeUpdated(DeviceTypeUpdated event) {
        return Panache.withTransaction(() -> KnownDeviceType.<KnownDeviceType>findById(
                        event.typeId(), LockModeType.PESSIMISTIC_WRITE)
                .chain(type -> {
                    if (type != null && type.version > event.version()) {
                        return Uni.createFrom().voidItem();
                    }
                    KnownDeviceType t = type == null ? new KnownDeviceType() : type;
                    t.id = event.typeId();
                    t.capabilities = event.capabilities();
                    t.version = event.version();
                    t.updatedAt = event.updatedAt() == null ? Instant.now() : event.updatedAt();
                    return type == null
                            ? t.persist().replaceWithVoid()
                            : Uni.createFrom().voidItem();
                }));
    }

    /** A device registered or changed: its type (and, from an update, whether it is decommissioned). */
    public Uni<Void> upsert(String tenant, String deviceId, String deviceType, boolean decommissioned) {
        TenantKey key = new TenantKey(tenant, deviceId);
        return Panache.withTransaction(() -> KnownDevice.<KnownDevice>findById(key, LockModeType.PESSIMISTIC_WRITE)
                        .chain(device -> {
                            KnownDevice d = device;
                            if (d == null) {
                                d = new KnownDevice();
                                d.tenant = tenant;
                                d.id = deviceId;
                            }
                            d.type = deviceType;
                            d.updatedAt = Instant.now();
                            Uni<Void> saved = device == null
                                    ? d.persist().replaceWithVoid()
                                    : Uni.createFrom().voidItem();
                            if (decommissioned && !d.decommissioned) {
                                KnownDevice retired = d;
                                return saved.chain(() -> Panache.flush()).chain(() -> retire(retired));
                            }
                            return saved;
                        }))
                .invoke(outbox::flushSoon);
    }

    public Uni<Void> decommissioned(String tenant, String deviceId, String deviceType) {
        return upsert(tenant, deviceId, deviceType, true);
    }

    /** Inside the transaction: the device takes no more commands, its open ones fail. */
    private Uni<Void> retire(KnownDevice d) {
        d.decommissioned = true;
        d.online = false;
        return Command.<Command>find(
                        "tenant = ?1 and deviceId = ?2 and status in ?3 order by seq", d.tenant, d.id, OPEN)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                .chain(open -> {
                    Instant now = Instant.now();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Command c : open) {
                        chain = chain.chain(
                                () -> transitions.apply(c, CommandStatus.FAILED, "device decommissioned", now));
                    }
                    return chain;
                });
    }

    /** The device went online or offline at {@code changedAt}; online, it gets what waits for it, in order. */
    public Uni<Void> presence(String tenant, String deviceId, boolean online, Instant changedAt) {
        TenantKey key = new TenantKey(tenant, deviceId);
        return Panache.withTransaction(() -> KnownDevice.<KnownDevice>findById(key, LockModeType.PESSIMISTIC_WRITE)
                        .chain(d -> {
                            if (d == null
                                    || d.decommissioned
                                    || d.presenceChangedAt != null && changedAt.isBefore(d.presenceChangedAt)) {
                                return Uni.createFrom().item(0);
                            }
                            d.online = online;
                            d.presenceChangedAt = changedAt;
                            d.updatedAt = Instant.now();
                            return online
                                    ? dispatcher.dispatchLocked(d)
                                    : Uni.createFrom().item(0);
                        }))
                .invoke(sent -> {
                    if (sent > 0) {
                        outbox.flushSoon();
                    }
                })
                .replaceWithVoid();
    }
}
