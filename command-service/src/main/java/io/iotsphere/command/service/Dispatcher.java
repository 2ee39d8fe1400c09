package io.iotsphere.command.service;

import io.iotsphere.command.Command;
import io.iotsphere.command.KnownDevice;
import io.iotsphere.commons.persistence.TenantKey;
import io.iotsphere.contracts.command.CommandStatus;
import io.iotsphere.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

/**
 * Sends the commands waiting for a device (QUEUED, or TIMED_OUT with retries left) in the order they were created,
 * once the device is online. The device's row is locked while it happens, so that creations, presence changes and
 * sweeps of one device are serialised and its commands leave in order.
 */
@ApplicationScoped
public class Dispatcher {

    static final List<CommandStatus> WAITING = List.of(CommandStatus.QUEUED, CommandStatus.TIMED_OUT);

    @Inject
    Transitions transitions;

    @Inject
    Outbox outbox;

    /** In its own transaction: sends what waits for the device if it is online; emits how many were sent. */
    public Uni<Integer> dispatch(TenantKey key) {
        return Panache.withTransaction(() -> KnownDevice.<KnownDevice>findById(key, LockModeType.PESSIMISTIC_WRITE)
                        .chain(device -> device == null ? Uni.createFrom().item(0) : dispatchLocked(device)))
                .invoke(sent -> {
                    if (sent > 0) {
                        outbox.flushSoon();
                    }
                });
    }

    /**
     * Inside the caller's transaction, with the device's row locked: sends what waits, if the device is online and in
     * service. Expired commands expire instead; timed-out ones without retries left fail.
     */
    public Uni<Integer> dispatchLocked(KnownDevice device) {
        if (!device.online || device.decommissioned) {
            return Uni.createFrom().item(0);
        }
        return Command.<Command>find(
                        "tenant = ?1 and deviceId = ?2 and status in ?3 order by seq",
                        device.tenant,
                        device.id,
                        WAITING)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                .chain(waiting -> {
                    Instant now = Instant.now();
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Command c : waiting) {
                        chain = chain.chain(sent -> send(c, now).map(s -> sent + s));
                    }
                    return chain;
                });
    }

    private Uni<Integer> send(Command c, Instant now) {
        if (c.expired(now)) {
            return transitions
                    .apply(c, CommandStatus.EXPIRED, "not delivered before " + c.expiresAt, now)
                    .replaceWith(0);
        }
        if (c.status == CommandStatus.TIMED_OUT && !c.retriesLeft()) {
            return transitions
                    .apply(c, CommandStatus.FAILED, "no answer after " + c.attempt + " attempt(s)", now)
                    .replaceWith(0);
        }
        String reason = c.attempt == 0 ? null : "retry " + c.attempt + " of " + c.maxRetries;
        return transitions.apply(c, CommandStatus.SENT, reason, now).replaceWith(1);
    }
}
