package io.iotsphere.registry.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsphere.commons.rest.Problems;
import io.iotsphere.contracts.Topics;
import io.iotsphere.outbox.Outbox;
import io.iotsphere.registry.DeviceType;
import io.iotsphere.registry.messaging.LifecycleEvents;
import io.iotsphere.registry.rest.DeviceTypeRequest;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The platform-wide catalog of device types. Every change is announced on {@code device-lifecycle} through the
 * outbox (callers wake the relay with {@code Outbox.flushSoon()} once the transaction committed).
 */
@ApplicationScoped
public class DeviceTypeService {

    static final String SEED = "seed/device-types.json";

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @WithSession
    public Uni<List<DeviceType>> list() {
        return DeviceType.listAll(Sort.by("id"));
    }

    @WithSession
    public Uni<DeviceType> get(String id) {
        return DeviceType.<DeviceType>findById(id)
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("device type '" + id + "' not found"));
    }

    @WithTransaction
    public Uni<DeviceType> create(DeviceTypeRequest request) {
        if (request.id() == null) {
            throw invalid(List.of("id: is required"));
        }
        check(request);
        return DeviceType.<DeviceType>findById(request.id()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(Problems.conflict("device type '" + request.id() + "' already exists"));
            }
            DeviceType type = new DeviceType();
            type.id = request.id();
            type.createdAt = Instant.now();
            type.version = 0;
            return save(type, request);
        });
    }

    @WithTransaction
    public Uni<DeviceType> update(String id, DeviceTypeRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw invalid(List.of("id: does not match the path"));
        }
        check(request);
        return DeviceType.<DeviceType>findById(id)
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("device type '" + id + "' not found"))
                .chain(type -> save(type, request));
    }

    /** Adds the seeded types that are missing (at start-up), announcing each; existing ones are left as they are. */
    @WithTransaction
    public Uni<Integer> seed() {
        List<DeviceTypeRequest> seeds = readSeeds();
        return DeviceType.<DeviceType>listAll().chain(existing -> {
            List<DeviceTypeRequest> missing = seeds.stream()
                    .filter(s -> existing.stream().noneMatch(t -> t.id.equals(s.id())))
                    .toList();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (DeviceTypeRequest seed : missing) {
                chain = chain.chain(() -> {
                    DeviceType type = new DeviceType();
                    type.id = seed.id();
                    type.createdAt = Instant.now();
                    return save(type, seed).replaceWithVoid();
                });
            }
            return chain.replaceWith(missing.size());
        });
    }

    private Uni<DeviceType> save(DeviceType type, DeviceTypeRequest request) {
        type.displayName = request.displayName();
        type.description = request.description();
        type.capabilities = request.capabilities();
        type.version++;
        type.updatedAt = Instant.now();
        return type.<DeviceType>persist()
                .call(saved -> outbox.add(Topics.DEVICE_LIFECYCLE, LifecycleEvents.typeUpdated(saved)));
    }

    private static void check(DeviceTypeRequest request) {
        List<String> problems = CapabilitiesValidator.problems(request.capabilities());
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
    }

    private static HttpProblem invalid(List<String> problems) {
        return HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Bad Request")
                .withDetail("invalid device type: " + String.join("; ", problems))
                .with("problems", problems)
                .build();
    }

    private List<DeviceTypeRequest> readSeeds() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SEED)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SEED);
            }
            return Arrays.asList(mapper.readValue(in, DeviceTypeRequest[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SEED, e);
        }
    }
}
