package io.iotsphere.registry.service;

import io.iotsphere.commons.persistence.TenantKey;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.rest.Problems;
import io.iotsphere.contracts.Topics;
import io.iotsphere.outbox.Outbox;
import io.iotsphere.registry.Device;
import io.iotsphere.registry.DeviceCredential;
import io.iotsphere.registry.DeviceType;
import io.iotsphere.registry.LifecycleStatus;
import io.iotsphere.registry.config.RegistryConfig;
import io.iotsphere.registry.messaging.LifecycleEvents;
import io.iotsphere.registry.repository.DeviceSearch;
import io.iotsphere.registry.rest.DeviceRequest;
import io.iotsphere.registry.rest.DeviceUpdate;
import io.iotsphere.registry.rest.DeviceView;
import io.iotsphere.registry.rest.RegisteredDevice;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Devices of a tenant: registration (one, or many all-or-nothing), reads, changes, decommissioning. Each change and
 * its {@code device-lifecycle} event commit together (outbox).
 */
@ApplicationScoped
public class DeviceService {

    /** One problem of one item of a bulk registration. */
    public record ItemError(int index, String id, List<String> problems) {}

    @Inject
    Secrets secrets;

    @Inject
    Outbox outbox;

    @Inject
    DeviceSearch search;

    @Inject
    RegistryConfig config;

    public Uni<RegisteredDevice> register(String tenant, DeviceRequest request) {
        return registerAll(tenant, List.of(request)).map(registered -> registered.get(0));
    }

    /**
     * Registers every device or none: any problem with any item (unknown type, id taken or repeated) refuses the
     * whole request, listing each item's problems.
     */
    public Uni<List<RegisteredDevice>> registerAll(String tenant, List<DeviceRequest> requests) {
        if (requests.size() > config.bulkMaxItems()) {
            throw Problems.badRequest(
                    "at most " + config.bulkMaxItems() + " devices per request, got " + requests.size());
        }
        List<String> ids = new ArrayList<>();
        for (DeviceRequest r : requests) {
            ids.add(r.id() != null ? r.id() : r.type() + "-" + UUID.randomUUID());
        }
        return check(tenant, requests, ids)
                .chain(() -> hashAll(requests.size()))
                .chain(secretsAndHashes -> Panache.withTransaction(
                                () -> insert(tenant, requests, ids, secretsAndHashes))
                        .onFailure(DeviceService::isUniqueViolation)
                        .transform(e -> Problems.conflict("a device with one of these ids was registered meanwhile")))
                .invoke(outbox::flushSoon);
    }

    private Uni<Void> check(String tenant, List<DeviceRequest> requests, List<String> ids) {
        return Panache.withSession(() -> DeviceType.<DeviceType>listAll()
                        .chain(types -> Device.<Device>list("tenant = ?1 and id in ?2", tenant, ids)
                                .map(existing -> {
                                    Set<String> typeIds = new HashSet<>();
                                    types.forEach(t -> typeIds.add(t.id));
                                    Set<String> taken = new HashSet<>();
                                    existing.forEach(d -> taken.add(d.id));
                                    return errors(requests, ids, typeIds, taken);
                                })))
                .invoke(errors -> {
                    if (!errors.isEmpty()) {
                        throw refused(errors);
                    }
                })
                .replaceWithVoid();
    }

    static List<ItemError> errors(
            List<DeviceRequest> requests, List<String> ids, Set<String> types, Set<String> taken) {
        List<ItemError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            List<String> problems = new ArrayList<>();
            String id = ids.get(i);
            if (!types.contains(requests.get(i).type())) {
                problems.add("type: unknown device type '" + requests.get(i).type() + "'");
            }
            if (taken.contains(id)) {
                problems.add("id: a device '" + id + "' already exists");
            } else if (!seen.add(id)) {
                problems.add("id: '" + id + "' appears more than once in this request");
            }
            if (!problems.isEmpty()) {
                errors.add(new ItemError(i, id, problems));
            }
        }
        return errors;
    }

    /** 409 when every problem is an id conflict, 400 otherwise; nothing was registered either way. */
    static HttpProblem refused(List<ItemError> errors) {
        boolean onlyConflicts =
                errors.stream().flatMap(e -> e.problems().stream()).allMatch(p -> p.startsWith("id: "));
        Response.Status status = onlyConflicts ? Response.Status.CONFLICT : Response.Status.BAD_REQUEST;
        String first = errors.get(0).problems().get(0);
        return HttpProblem.builder()
                .withStatus(status)
                .withTitle(status.getReasonPhrase())
                .withDetail(
                        errors.size() == 1
                                ? first
                                : errors.size() + " devices have problems; nothing was registered (first: " + first
                                        + ")")
                .with("errors", errors)
                .build();
    }

    /** Pairs of (secret, hash), hashed in parallel on worker threads. */
    private Uni<List<String[]>> hashAll(int count) {
        List<Uni<String[]>> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String secret = secrets.newSecret();
            hashes.add(secrets.hash(secret).map(hash -> new String[] {secret, hash}));
        }
        return Uni.join().all(hashes).andFailFast();
    }

    private Uni<List<RegisteredDevice>> insert(
            String tenant, List<DeviceRequest> requests, List<String> ids, List<String[]> secretsAndHashes) {
        Instant now = Instant.now();
        List<Device> devices = new ArrayList<>();
        List<DeviceCredential> credentials = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            DeviceRequest r = requests.get(i);
            Device d = new Device();
            d.tenant = tenant;
            d.id = ids.get(i);
            d.type = r.type();
            d.name = r.name();
            d.manufacturer = r.manufacturer();
            d.model = r.model();
            d.serialNumber = r.serialNumber();
            d.tags = r.tags() == null ? new String[0] : r.tags().toArray(new String[0]);
            d.attributes = r.attributes() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.attributes());
            d.simulated = Boolean.TRUE.equals(r.simulated());
            d.createdAt = now;
            d.updatedAt = now;
            devices.add(d);
            DeviceCredential c = new DeviceCredential();
            c.tenant = tenant;
            c.id = d.id;
            c.secretHash = secretsAndHashes.get(i)[1];
            c.createdAt = now;
            credentials.add(c);
        }
        return Device.persist(devices)
                .chain(() -> Panache.flush())
                .chain(() -> DeviceCredential.persist(credentials))
                .chain(() -> outbox.addAll(
                        Topics.DEVICE_LIFECYCLE,
                        devices.stream().map(LifecycleEvents::registered).toList()))
                .map(ignored -> {
                    List<RegisteredDevice> registered = new ArrayList<>();
                    for (int i = 0; i < devices.size(); i++) {
                        registered.add(new RegisteredDevice(
                                DeviceView.of(devices.get(i)), secretsAndHashes.get(i)[0]));
                    }
                    return registered;
                });
    }

    @WithSession
    public Uni<Device> get(String tenant, String id) {
        return find(tenant, id);
    }

    public Uni<DeviceSearch.Result> list(String tenant, DeviceSearch.Filter filter, PageRequest page) {
        return search.find(tenant, filter, page);
    }

    public Uni<Device> update(String tenant, String id, DeviceUpdate change) {
        return Panache.withTransaction(() -> find(tenant, id).chain(d -> {
                    if (d.decommissioned()) {
                        throw Problems.conflict("device '" + id + "' is decommissioned and cannot change");
                    }
                    if (change.version() != null && change.version() != d.version) {
                        throw Problems.conflict("device '" + id + "' is at version " + d.version + ", not "
                                + change.version() + ": read it again and retry");
                    }
                    if (change.name() != null) {
                        d.name = change.name();
                    }
                    if (change.manufacturer() != null) {
                        d.manufacturer = change.manufacturer();
                    }
                    if (change.model() != null) {
                        d.model = change.model();
                    }
                    if (change.serialNumber() != null) {
                        d.serialNumber = change.serialNumber();
                    }
                    if (change.tags() != null) {
                        d.tags = change.tags().toArray(new String[0]);
                    }
                    if (change.attributes() != null) {
                        d.attributes = new LinkedHashMap<>(change.attributes());
                    }
                    d.updatedAt = Instant.now();
                    return Panache.flush()
                            .chain(() -> outbox.add(Topics.DEVICE_LIFECYCLE, LifecycleEvents.updated(d)))
                            .replaceWith(d);
                }))
                .invoke(outbox::flushSoon);
    }

    /** Retires the device and revokes its credential; decommissioning twice changes nothing. */
    public Uni<Device> decommission(String tenant, String id, String reason) {
        return Panache.withTransaction(() -> find(tenant, id).chain(d -> {
                    if (d.decommissioned()) {
                        return Uni.createFrom().item(d);
                    }
                    Instant now = Instant.now();
                    d.status = LifecycleStatus.DECOMMISSIONED;
                    d.online = false;
                    d.decommissionReason = reason;
                    d.decommissionedAt = now;
                    d.updatedAt = now;
                    return DeviceCredential.update(
                                    "secretHash = null, revokedAt = ?1 where tenant = ?2 and id = ?3", now, tenant, id)
                            .chain(() -> Panache.flush())
                            .chain(() -> outbox.add(Topics.DEVICE_LIFECYCLE, LifecycleEvents.decommissioned(d)))
                            .replaceWith(d);
                }))
                .invoke(outbox::flushSoon);
    }

    /** The device of the tenant, or 404 (also when it belongs to another tenant). */
    static Uni<Device> find(String tenant, String id) {
        return Device.<Device>findById(new TenantKey(tenant, id))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("device '" + id + "' not found"));
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
