package io.iotsphere.registry.service;

import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.Topics;
import io.iotsphere.outbox.Outbox;
import io.iotsphere.registry.Device;
import io.iotsphere.registry.DeviceType;
import io.iotsphere.registry.messaging.LifecycleEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Announces again the whole catalog and a tenant's devices, for a service whose copy of them must be rebuilt (a new
 * consumer after the topic's retention, a restored database). Consumers treat these events as upserts.
 */
@ApplicationScoped
public class RepublishService {

    /** How many events one transaction writes. */
    static final int CHUNK = 500;

    public record Counts(int deviceTypes, int devices) {}

    @Inject
    Outbox outbox;

    public Uni<Counts> republish(String tenant) {
        Uni<Integer> types = Panache.withTransaction(() -> DeviceType.<DeviceType>listAll()
                .call(all -> outbox.addAll(
                        Topics.DEVICE_LIFECYCLE,
                        all.stream().map(LifecycleEvents::typeUpdated).toList()))
                .map(List::size));
        return types.chain(typeCount -> devices(tenant, 0, 0).map(deviceCount -> new Counts(typeCount, deviceCount)))
                .invoke(outbox::flushSoon);
    }

    private Uni<Integer> devices(String tenant, int page, int sofar) {
        return Panache.withTransaction(() -> Device.<Device>find("tenant", Sort.by("id"), tenant)
                        .page(Page.of(page, CHUNK))
                        .list()
                        .call(chunk -> outbox.addAll(
                                Topics.DEVICE_LIFECYCLE,
                                chunk.stream()
                                        .<CloudEvent<?>>map(d -> d.decommissioned()
                                                ? LifecycleEvents.decommissioned(d)
                                                : LifecycleEvents.registered(d))
                                        .toList())))
                .chain(chunk -> chunk.size() < CHUNK
                        ? Uni.createFrom().item(sofar + chunk.size())
                        : devices(tenant, page + 1, sofar + chunk.size()));
    }
}
