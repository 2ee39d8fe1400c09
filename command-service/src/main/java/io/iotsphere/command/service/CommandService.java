package io.iotsphere.command.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsphere.command.Command;
import io.iotsphere.command.CommandTransition;
import io.iotsphere.command.KnownDevice;
import io.iotsphere.command.KnownDeviceType;
import io.iotsphere.command.Lifecycle;
import io.iotsphere.command.config.CommandConfig;
import io.iotsphere.command.repository.CommandSearch;
import io.iotsphere.command.rest.CommandRequest;
import io.iotsphere.commons.persistence.TenantKey;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.rest.Problems;
import io.iotsphere.contracts.command.CommandStatus;
import io.iotsphere.contracts.device.CommandSpec;
import io.iotsphere.outbox.Outbox;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Commands of a tenant's devices: creation (validated against the device type's capabilities, idempotent by key),
 * cancellation, reads. A new command is QUEUED and, when its device is online, SENT in the same transaction, behind
 * whatever already waits for the device.
 */
@ApplicationScoped
public class CommandService {

    /** A command, and whether it is the one an earlier request with the same idempotency key created. */
    public record Created(Command command, boolean replayed) {}

    /** A command with its history. */
    public record Detail(Command command, List<CommandTransition> transitions) {}

    /** What the checks found: the device, and the command of the same idempotency key if there is one. */
    private record Checked(KnownDevice device, Command existing) {}

    @Inject
    CommandConfig config;

    @Inject
    Transitions transitions;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Outbox outbox;

    @Inject
    ShadowSync shadowSync;

    @Inject
    CommandMetrics metrics;

    @Inject
    CommandSearch search;

    /**
     * Creates the command, or returns the one created earlier with the same idempotency key (the same device, name
     * and parameters; another command with that key is a conflict).
     */
    public Uni<Created> create(
            String tenant,
            String subject,
            String deviceId,
            CommandRequest request,
            String authorization,
            String requestId) {
        JsonNode params = params(request.params());
        Instant now = Instant.now();
        int timeout = request.timeoutSeconds() == null ? config.defaultTimeoutSeconds() : request.timeoutSeconds();
        int retries = request.maxRetries() == null ? config.defaultMaxRetries() : request.maxRetries();
        if (timeout > config.maxTimeoutSeconds()) {
            throw Problems.badRequest("timeoutSeconds: must be at most " + config.maxTimeoutSeconds());
        }
        if (retries > config.maxRetriesLimit()) {
            throw Problems.badRequest("maxRetries: must be at most " + config.maxRetriesLimit());
        }
        if (request.expiresAt() != null) {
            if (!request.expiresAt().isAfter(now)) {
                throw Problems.badRequest("expiresAt: must be in the future");
            }
            if (request.expiresAt().isAfter(now.plus(config.maxExpiry()))) {
                throw Problems.badRequest("expiresAt: must be at most " + config.maxExpiry() + " ahead");
            }
        }
        TenantKey key = new TenantKey(tenant, deviceId);
        return Panache.withSession(() -> check(key, request.name(), params, request.idempotencyKey()))
                .chain(checked -> {
                    if (checked.existing() != null) {
                        return Uni.createFrom().item(replay(checked.existing(), deviceId, request.name(), params));
                    }
                    Command c = new Command();
                    c.id = UUID.randomUUID();
                    c.tenant = tenant;
                    c.deviceId = deviceId;
                    c.deviceType = checked.device().type;
                    c.name = request.name();
                    c.params = params;
                    c.maxRetries = retries;
                    c.timeoutSeconds = timeout;
                    c.expiresAt = request.expiresAt();
                    c.idempotencyKey = request.idempotencyKey();
                    c.createdBy = subject;
                    Optional<ObjectNode> desired = ShadowSync.desired(c.deviceType, c.name, params);
                    Uni<String> sync = desired.isEmpty()
                            ? Uni.createFrom().nullItem()
                            : shadowSync.apply(deviceId, desired.get(), c.id.toString(), authorization, requestId);
                    return sync.chain(outcome -> {
                        c.shadowSync = outcome;
                        return insert(key, c);
                    });
                })
                .invoke(created -> {
                    if (created.replayed()) {
                        metrics.replayed();
                    } else {
                        metrics.created(created.command().name);
                        outbox.flushSoon();
                    }
                });
    }

    private Uni<Checked> check(TenantKey key, String name, JsonNode params, String idempotencyKey) {
        return KnownDevice.<KnownDevice>findById(key).chain(device -> {
            requireInService(device, key.id);
            Uni<Command> existing = idempotencyKey == null
                    ? Uni.createFrom().nullItem()
                    : Command.<Command>find("tenant = ?1 and idempotencyKey = ?2", key.tenant, idempotencyKey)
                            .firstResult();
            return existing.chain(found -> {
                if (found != null) {
                    return Uni.createFrom().item(new Checked(device, found));
                }
                return KnownDeviceType.<KnownDeviceType>findById(device.type).map(type -> {
                    validate(device, type, name, params);
                    return new Checked(device, null);
                });
            });
        });
    }

    private static void requireInService(KnownDevice device, String deviceId) {
        if (device == null) {
            throw Problems.notFound("device '" + deviceId + "' not found");
        }
        if (device.decommissioned) {
            throw Problems.conflict("device '" + deviceId + "' is decommissioned and takes no commands");
        }
    }

    private static void validate(KnownDevice device, KnownDeviceType type, String name, JsonNode params) {
        if (type == null) {
            throw Problems.conflict("the commands of device type '" + device.type
                    + "' are not known to the command service yet; retry shortly");
        }
        Optional<CommandSpec> spec = type.capabilities.command(name);
        if (spec.isEmpty()) {
            List<String> known =
                    type.capabilities.commands().stream().map(CommandSpec::name).toList();
            throw Problems.badRequest("name: unknown command '" + name + "' for device type '" + type.id + "' (known: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
        }
        List<String> problems = ParamsValidator.problems(spec.get(), params);
        if (!problems.isEmpty()) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.BAD_REQUEST)
                    .withTitle(Response.Status.BAD_REQUEST.getReasonPhrase())
                    .withDetail(
                            problems.size() == 1
                                    ? problems.get(0)
                                    : problems.size() + " problems with the parameters (first: " + problems.get(0)
                                            + ")")
                    .with("errors", problems)
                    .build();
        }
    }

    /** Inserts the command, QUEUED, and sends it at once when the device is online. */
    private Uni<Created> insert(TenantKey key, Command c) {
        return Panache.withTransaction(() -> KnownDevice.<KnownDevice>findById(key, LockModeType.PESSIMISTIC_WRITE)
                        .chain(device -> {
                            requireInService(device, key.id);
                            Instant now = Instant.now();
                            c.createdAt = now;
                            c.updatedAt = now;
                            c.status = CommandStatus.QUEUED;
                            return c.<Command>persist()
                                    .chain(() -> Panache.flush())
                                    .chain(() -> transitions.queued(c, now))
                                    .chain(() -> dispatcher.dispatchLocked(device))
                                    .replaceWith(new Created(c, false));
                        }))
                .onFailure(Failures::isUniqueViolation)
                .recoverWithUni(() -> Panache.withSession(() -> Command.<Command>find(
                                        "tenant = ?1 and idempotencyKey = ?2", c.tenant, c.idempotencyKey)
                                .firstResult())
                        .map(existing -> {
                            if (existing == null) {
                                throw Problems.conflict("the command could not be stored; retry");
                            }
                            return replay(existing, c.deviceId, c.name, c.params);
                        }));
    }

    /** The earlier command of an idempotency key, if this request asks for the same thing; 409 otherwise. */
    private static Created replay(Command existing, String deviceId, String name, JsonNode params) {
        boolean same = existing.deviceId.equals(deviceId)
                && existing.name.equals(name)
                && existing.params.equals(NUMERIC_EQUALITY, params);
        if (!same) {
            throw Problems.conflict("idempotencyKey: '" + existing.idempotencyKey + "' was used for command "
                    + existing.id + " (" + existing.name + " to device " + existing.deviceId
                    + ") with other content");
        }
        return new Created(existing, true);
    }

    /** JSON equality where 55 and 55.0 are the same number. */
    private static final Comparator<JsonNode> NUMERIC_EQUALITY = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonNode params(JsonNode params) {
        if (params == null || params.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!params.isObject()) {
            throw Problems.badRequest("params: must be a JSON object");
        }
        if (params.toString().getBytes(StandardCharsets.UTF_8).length > config.maxJsonBytes()) {
            throw Problems.badRequest("params: must be at most " + config.maxJsonBytes() + " bytes of JSON");
        }
        return params;
    }

    /** Cancels a command that has not ended yet; 409 for one that has. */
    public Uni<Command> cancel(String tenant, String subject, String deviceId, String commandId, String reason) {
        UUID id = uuid(commandId);
        return Panache.withTransaction(() -> Command.<Command>find(
                                "id = ?1 and tenant = ?2 and deviceId = ?3", id, tenant, deviceId)
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .firstResult()
                        .chain(c -> {
                            if (c == null) {
                                throw notFound(commandId);
                            }
                            if (!Lifecycle.allowed(c.status, CommandStatus.CANCELLED)) {
                                throw Problems.conflict(
                                        "command " + commandId + " is " + c.status + " and can no longer be cancelled");
                            }
                            String why = "cancelled by " + subject + (reason == null ? "" : ": " + reason);
                            return transitions
                                    .apply(c, CommandStatus.CANCELLED, why, Instant.now())
                                    .replaceWith(c);
                        }))
                .invoke(outbox::flushSoon);
    }

    /** The command of the device with its history, or 404 (also for another tenant's or device's command). */
    public Uni<Detail> get(String tenant, String deviceId, String commandId) {
        UUID id = uuid(commandId);
        return Panache.withSession(() -> Command.<Command>find(
                        "id = ?1 and tenant = ?2 and deviceId = ?3", id, tenant, deviceId)
                .firstResult()
                .chain(c -> {
                    if (c == null) {
                        throw notFound(commandId);
                    }
                    return CommandTransition.<CommandTransition>list("commandId = ?1 order by id", c.id)
                            .map(history -> new Detail(c, history));
                }));
    }

    public Uni<CommandSearch.Result> list(String tenant, CommandSearch.Filter filter, PageRequest page) {
        return search.find(tenant, filter, page);
    }

    /** 404 unless the device is known in the tenant (decommissioned devices keep their history). */
    public Uni<Void> requireDevice(String tenant, String deviceId) {
        return Panache.withSession(() -> KnownDevice.<KnownDevice>findById(new TenantKey(tenant, deviceId)))
                .invoke(device -> {
                    if (device == null) {
                        throw Problems.notFound("device '" + deviceId + "' not found");
                    }
                })
                .replaceWithVoid();
    }

    static UUID uuid(String commandId) {
        try {
            return UUID.fromString(commandId);
        } catch (IllegalArgumentException e) {
            throw notFound(commandId);
        }
    }

    static HttpProblem notFound(String commandId) {
        return Problems.notFound("command '" + commandId + "' not found");
    }
}
