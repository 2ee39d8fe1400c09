package io.iotsphere.simulator.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsphere.simulator.Fleet;
import io.iotsphere.simulator.Scenario;
import io.iotsphere.simulator.client.RegistryClient;
import io.iotsphere.simulator.client.TelemetryClient;
import io.iotsphere.simulator.config.SimulatorConfig;
import io.iotsphere.simulator.messaging.MqttLink;
import io.iotsphere.simulator.messaging.RawTelemetry;
import io.iotsphere.simulator.model.Connectivity;
import io.iotsphere.simulator.model.DeviceFactory;
import io.iotsphere.simulator.model.DeviceKind;
import io.iotsphere.simulator.model.FaultLabel;
import io.iotsphere.simulator.model.FaultPlan;
import io.iotsphere.simulator.model.SimDevice;
import io.iotsphere.simulator.repository.FleetStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPublishMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Fleets: created from a scenario, provisioned in the registry (in bulk, marked simulated, secrets kept), started
 * (live on the timer wheels, or as a backfill), stopped, deleted; resumed after a restart where they stood. Changes of
 * one fleet are serialised by the fleet's key; file writes are blocking and run on worker threads.
 */
@ApplicationScoped
public class FleetService implements FleetRuntime.Outlet {

    private static final Logger LOG = Logger.getLogger(FleetService.class);

    @Inject
    SimulatorConfig config;

    @Inject
    FleetStore store;

    @Inject
    MqttLink mqtt;

    @Inject
    RawTelemetry raw;

    @Inject
    Vertx vertx;

    @Inject
    SimulatorMetrics metrics;

    @Inject
    ObjectMapper mapper;

    @Inject
    @RestClient
    RegistryClient registry;

    @Inject
    @RestClient
    TelemetryClient telemetry;

    private final Map<String, Fleet> fleets = new ConcurrentHashMap<>();
    private final Map<String, FleetRuntime> running = new ConcurrentHashMap<>();
    /** tenant → device id → running device, for commands and deltas. */
    private final Map<String, Map<String, FleetRuntime>> deviceIndex = new ConcurrentHashMap<>();

    private final Executor workers = Infrastructure.getDefaultWorkerPool();
    private long saver = -1;

    static String key(String tenant, String id) {
        return tenant + "/" + id;
    }

    void onStart(@Observes StartupEvent event) {
        mqtt.onMessage(this::inbound);
        for (Fleet fleet : store.all()) {
            fleets.put(key(fleet.tenant(), fleet.id()), fleet);
        }
        // Resume what was running (or being set up) when the service stopped.
        for (Fleet fleet : fleets.values()) {
            switch (fleet.status()) {
                case RUNNING -> workers.execute(() -> resume(fleet));
                case PROVISIONING, BACKFILLING -> workers.execute(() -> provisionAndRun(fleet, null));
                default -> {}
            }
        }
        saver = vertx.setPeriodic(60_000, id -> workers.execute(this::saveClocks));
    }

    void onStop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(saver);
        for (String key : List.copyOf(running.keySet())) {
            FleetRuntime r = running.remove(key);
            r.stop();
            Fleet f = fleets.get(key);
            if (f != null) {
                save(f.withSimulatedTime(r.simulatedNow(), Instant.now()));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- the API

    public List<Fleet> list(String tenant) {
        return fleets.values().stream()
                .filter(f -> f.tenant().equals(tenant))
                .sorted(Comparator.comparing(Fleet::createdAt))
                .toList();
    }

    public Optional<Fleet> find(String tenant, String id) {
        return Optional.ofNullable(fleets.get(key(tenant, id)));
    }

    /** Where a fleet's simulation stands now. */
    public Instant simulatedTime(Fleet fleet) {
        FleetRuntime r = running.get(key(fleet.tenant(), fleet.id()));
        return r != null ? r.simulatedNow() : fleet.simulatedTime();
    }

    public long readingsSent(Fleet fleet) {
        FleetRuntime r = running.get(key(fleet.tenant(), fleet.id()));
        return r == null ? 0 : r.readingsSent();
    }

    /** Creates a fleet and sets it up in the background with the caller's token (registering needs a user). */
    public Fleet create(String tenant, Scenario scenario, String authorization) {
        String id = "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Instant now = Instant.now();
        Instant start = scenario.backfill() != null
                ? scenario.backfill().from()
                : scenario.start() != null ? scenario.start() : now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Scenario fixed = new Scenario(
                scenario.name() == null ? id : scenario.name(),
                scenario.seedOrDefault(),
                scenario.reportingInterval(),
                scenario.acceleration(),
                start,
                scenario.transport(),
                scenario.devices(),
                scenario.faults(),
                scenario.connectivity(),
                scenario.backfill(),
                scenario.autoStart());
        List<Fleet.Device> devices = new ArrayList<>();
        int index = 0;
        for (Scenario.DeviceGroup g : scenario.devices()) {
            DeviceKind kind = Scenario.kind(g);
            String abbreviation = kind == DeviceKind.WATER_HEATER ? "wh" : "vm";
            for (int i = 0; i < g.count(); i++) {
                devices.add(new Fleet.Device(
                        index,
                        String.format("%s-%s-%05d", id, abbreviation, index),
                        kind.typeId(),
                        g.manufacturer(),
                        Scenario.profile(g).name().toLowerCase(),
                        null));
                index++;
            }
        }
        Fleet fleet =
                new Fleet(id, tenant, fixed, Fleet.Status.PROVISIONING, null, now, now, start, List.copyOf(devices));
        save(fleet);
        workers.execute(() -> provisionAndRun(fleet, authorization));
        return fleet;
    }

    public Fleet start(Fleet fleet) {
        synchronized (lock(fleet)) {
            Fleet current = fleets.get(key(fleet.tenant(), fleet.id()));
            return switch (current.status()) {
                case RUNNING -> current;
                case STOPPED -> {
                    Fleet next = save(current.with(Fleet.Status.RUNNING, null, Instant.now()));
                    workers.execute(() -> resume(next));
                    yield next;
                }
                default ->
                    throw new IllegalStateException(
                            "a fleet that is " + describe(current.status()) + " cannot be started");
            };
        }
    }

    public Fleet stop(Fleet fleet) {
        synchronized (lock(fleet)) {
            Fleet current = fleets.get(key(fleet.tenant(), fleet.id()));
            if (current.status() == Fleet.Status.STOPPED) {
                return current;
            }
            if (current.status() != Fleet.Status.RUNNING) {
                throw new IllegalStateException("a fleet that is " + describe(current.status()) + " cannot be stopped");
            }
            Instant sim = halt(current);
            return save(current.with(Fleet.Status.STOPPED, null, Instant.now()).withSimulatedTime(sim, Instant.now()));
        }
    }

    public void delete(Fleet fleet) {
        synchronized (lock(fleet)) {
            halt(fleet);
            fleets.remove(key(fleet.tenant(), fleet.id()));
            store.delete(fleet.tenant(), fleet.id());
        }
    }

    /** The ground truth of a fleet's faults as of its simulated time (or as of the end of its backfill). */
    public List<FaultLabel> labels(Fleet fleet) {
        Instant asOf = labelsAsOf(fleet);
        Scenario s = fleet.scenario();
        List<FaultLabel> labels = new ArrayList<>();
        for (Fleet.Device d : fleet.devices()) {
            DeviceKind kind = DeviceKind.ofType(d.type());
            labels.addAll(FaultPlan.draw(s.seedOrDefault(), d.index(), kind, s.faultRates(), s.start())
                    .labels(d.id(), asOf));
        }
        labels.sort(Comparator.comparing(FaultLabel::onset).thenComparing(FaultLabel::deviceId));
        return labels;
    }

    public Instant labelsAsOf(Fleet fleet) {
        if (fleet.scenario().backfill() != null) {
            return fleet.status() == Fleet.Status.COMPLETED
                    ? fleet.scenario().backfill().to()
                    : fleet.simulatedTime();
        }
        return simulatedTime(fleet);
    }

    // ------------------------------------------------------------------------------------------------ life cycle

    private Object lock(Fleet fleet) {
        return fleets.getOrDefault(key(fleet.tenant(), fleet.id()), fleet).id().intern();
    }

    private static String describe(Fleet.Status status) {
        return status.name().toLowerCase();
    }

    private Fleet save(Fleet fleet) {
        store.save(fleet);
        fleets.put(key(fleet.tenant(), fleet.id()), fleet);
        return fleet;
    }

    /** Registers what is not registered yet, then runs the fleet live or as a backfill. */
    private void provisionAndRun(Fleet fleet, String authorization) {
        try {
            Fleet current = provision(fleet, authorization);
            if (current == null) {
                return;
            }
            if (current.scenario().backfill() != null) {
                current = save(current.with(Fleet.Status.BACKFILLING, null, Instant.now()));
                new Backfill(current, this).run();
            } else if (current.scenario().autoStartOrDefault()) {
                resume(save(current.with(Fleet.Status.RUNNING, null, Instant.now())));
            } else {
                save(current.with(Fleet.Status.STOPPED, null, Instant.now()));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "fleet %s failed", fleet.id());
            fail(fleet, e.getMessage());
        }
    }

    private Fleet provision(Fleet fleet, String authorization) {
        List<Fleet.Device> devices = new ArrayList<>(fleet.devices());
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).secret() == null) {
                missing.add(i);
            }
        }
        if (missing.isEmpty()) {
            return fleet;
        }
        if (authorization == null) {
            fail(fleet, "the service restarted before the fleet's devices were registered; delete and create it again");
            return null;
        }
        Fleet current = fleet;
        int batch = Math.max(1, Math.min(1000, config.provisioningBatch()));
        for (int from = 0; from < missing.size(); from += batch) {
            List<Integer> chunk = missing.subList(from, Math.min(missing.size(), from + batch));
            List<RegistryClient.NewDevice> request = new ArrayList<>();
            for (int i : chunk) {
                Fleet.Device d = devices.get(i);
                SimDevice model = build(current, d, current.scenario().start());
                request.add(new RegistryClient.NewDevice(
                        d.id(),
                        d.type(),
                        current.scenario().name() + " " + d.index(),
                        d.manufacturer(),
                        model.model().name(),
                        List.of("simulated", "fleet:" + current.id()),
                        Map.of("fleet", current.id(), "profile", d.profile()),
                        true));
            }
            RegistryClient.BulkResult result;
            try {
                result = registry.registerAll(authorization, new RegistryClient.BulkRequest(request))
                        .await()
                        .atMost(Duration.ofMinutes(2));
            } catch (RuntimeException e) {
                fail(current, "the registry refused or did not answer the registration: " + e.getMessage());
                return null;
            }
            Map<String, String> secrets = new java.util.HashMap<>();
            result.devices().forEach(r -> secrets.put(String.valueOf(r.device().get("id")), r.secret()));
            for (int i : chunk) {
                Fleet.Device d = devices.get(i);
                devices.set(i, d.withSecret(secrets.get(d.id())));
            }
            metrics.provisioned(chunk.size());
            // Saved after each batch: a restart continues with what is not registered yet.
            current = save(current.withDevices(List.copyOf(devices), Instant.now()));
        }
        return current;
    }

    private void fail(Fleet fleet, String reason) {
        Fleet current = fleets.getOrDefault(key(fleet.tenant(), fleet.id()), fleet);
        if (fleets.containsKey(key(fleet.tenant(), fleet.id()))) {
            save(current.with(Fleet.Status.FAILED, reason, Instant.now()));
        }
    }

    SimDevice build(Fleet fleet, Fleet.Device d, Instant start) {
        Scenario s = fleet.scenario();
        DeviceKind kind = DeviceKind.ofType(d.type());
        FaultPlan plan = FaultPlan.draw(s.seedOrDefault(), d.index(), kind, s.faultRates(), s.start());
        return DeviceFactory.create(
                s.seedOrDefault(),
                d.index(),
                d.id(),
                kind,
                d.manufacturer(),
                io.iotsphere.simulator.model.UsageProfile.valueOf(d.profile().toUpperCase()),
                plan,
                start);
    }

    int wheels() {
        return config.wheels() > 0 ? config.wheels() : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Where a fleet's clock resumes. A real-time fleet (acceleration 1) keeps the distance between its clock and the real
     * one it had when its clock was last saved (every minute while it runs, and at each change of status): after a
     * restart of the service it goes on at the real time instead of trailing it by the downtime, its devices having
     * lived on through the gap (physics advanced, nothing sent, as while their connection is down); stopped and started
     * again, it resumes where it stood (the start saved it). An accelerated fleet always resumes where it stood.
     */
    static Instant resumeAt(Fleet fleet, Instant now) {
        Instant stood = fleet.simulatedTime();
        if (stood == null || fleet.updatedAt() == null || fleet.scenario().accelerationOrDefault() != 1.0) {
            return stood;
        }
        Instant kept = now.plus(Duration.between(fleet.updatedAt(), stood));
        return kept.isAfter(stood) ? kept : stood;
    }

    /**
     * Builds the devices at the scenario's start and steps them to where the fleet resumes ({@link #resumeAt}; the same
     * seed gives the same state), then starts its wheels and exchanges the devices' credentials for tokens.
     */
    private void resume(Fleet fleet) {
        String key = key(fleet.tenant(), fleet.id());
        if (running.containsKey(key)) {
            return;
        }
        Scenario s = fleet.scenario();
        Instant at = resumeAt(fleet, Instant.now());
        int wheels = Math.max(1, Math.min(wheels(), fleet.devices().size()));
        List<DeviceRuntime> devices = new ArrayList<>();
        for (Fleet.Device d : fleet.devices()) {
            SimDevice device = build(fleet, d, s.start());
            device.advanceTo(at);
            Connectivity net =
                    new Connectivity(s.seedOrDefault(), d.index(), s.outagesPerDay(), s.meanOutage(), s.start());
            devices.add(new DeviceRuntime(d, device, net, FleetRuntime.wheelOf(d.index(), wheels)));
        }
        FleetRuntime runtime = new FleetRuntime(
                fleet, devices, wheels, config.tick(), config.bufferedReadings(), vertx, this, mapper, metrics);
        synchronized (lock(fleet)) {
            Fleet current = fleets.get(key);
            if (current == null || current.status() != Fleet.Status.RUNNING || running.containsKey(key)) {
                return; // stopped or deleted meanwhile
            }
            running.put(key, runtime);
            Map<String, FleetRuntime> index =
                    deviceIndex.computeIfAbsent(fleet.tenant(), t -> new ConcurrentHashMap<>());
            devices.forEach(d -> index.put(d.meta.id(), runtime));
            mqtt.listen(fleet.tenant());
            runtime.start(at);
            metrics.running(devices.size());
        }
        LOG.infof("fleet %s of %s runs: %d devices on %d wheels", fleet.id(), fleet.tenant(), devices.size(), wheels);
        exchangeTokens(runtime);
    }

    /** Stops a fleet's wheels; answers where its simulated clock stood. */
    private Instant halt(Fleet fleet) {
        FleetRuntime r = running.remove(key(fleet.tenant(), fleet.id()));
        if (r == null) {
            return fleet.simulatedTime();
        }
        r.stop();
        Map<String, FleetRuntime> index = deviceIndex.get(fleet.tenant());
        if (index != null) {
            r.devices.forEach(d -> index.remove(d.meta.id()));
        }
        metrics.running(-r.devices.size());
        return r.simulatedNow();
    }

    private void saveClocks() {
        for (Map.Entry<String, FleetRuntime> e : running.entrySet()) {
            Fleet f = fleets.get(e.getKey());
            if (f != null) {
                synchronized (lock(f)) {
                    if (running.get(e.getKey()) == e.getValue()) {
                        save(f.withSimulatedTime(e.getValue().simulatedNow(), Instant.now()));
                    }
                }
            }
        }
    }

    private void exchangeTokens(FleetRuntime runtime) {
        io.smallrye.mutiny.Multi.createFrom()
                .iterable(runtime.devices)
                .onItem()
                .transformToUni(d -> token(runtime, d))
                .merge(Math.max(1, config.tokenConcurrency()))
                .collect()
                .last()
                .subscribe()
                .with(v -> {}, e -> LOG.warnf("token exchange of fleet %s: %s", runtime.fleet.id(), e));
        vertx.setPeriodic(60_000, id -> {
            if (running.get(key(runtime.tenant(), runtime.fleet.id())) != runtime) {
                vertx.cancelTimer(id);
            } else {
                runtime.renewTokens(config.tokenRenewBefore());
            }
        });
    }

    private io.smallrye.mutiny.Uni<Void> token(FleetRuntime runtime, DeviceRuntime d) {
        d.renewing = true;
        return registry.token(d.meta.id(), new RegistryClient.TokenRequest(runtime.tenant(), d.meta.secret()))
                .ifNoItem()
                .after(Duration.ofSeconds(30))
                .fail()
                .onItem()
                .invoke(t -> {
                    d.token = t.accessToken();
                    d.tokenExpires = Instant.now().plusSeconds(t.expiresIn());
                })
                .onFailure()
                .invoke(e -> {
                    metrics.tokenFailed();
                    LOG.debugf("token exchange for %s failed: %s", d.meta.id(), e.getMessage());
                })
                .onFailure()
                .recoverWithNull()
                .eventually(() -> d.renewing = false)
                .replaceWithVoid();
    }

    // ------------------------------------------------------------------------------------- FleetRuntime.Outlet

    @Override
    public Future<Void> publish(String topic, int wheel, String payload) {
        return mqtt.publish(wheel, topic, payload);
    }

    @Override
    public Future<Void> sendTelemetry(FleetRuntime fleet, DeviceRuntime d, String payload) {
        if (d.token == null) {
            return Future.failedFuture("no device token yet");
        }
        io.vertx.core.Promise<Void> promise = io.vertx.core.Promise.promise();
        telemetry
                .send(d.meta.id(), "Bearer " + d.token, payload)
                .subscribe()
                .with(
                        response -> {
                            int status = response.getStatus();
                            response.close();
                            if (status / 100 == 2) {
                                promise.complete();
                            } else {
                                if (status == 401) {
                                    d.tokenExpires = Instant.EPOCH;
                                }
                                promise.fail("telemetry answered " + status);
                            }
                        },
                        promise::fail);
        return promise.future();
    }

    @Override
    public void renewToken(FleetRuntime fleet, DeviceRuntime d) {
        token(fleet, d).subscribe().with(v -> {});
    }

    // ------------------------------------------------------------------------------------------- MQTT inbound

    private void inbound(MqttPublishMessage message) {
        String topic = message.topicName();
        String[] parts = topic.split("/");
        // iotsphere/<tenant>/devices/<id>/commands | iotsphere/<tenant>/devices/<id>/shadow/delta
        if (parts.length < 5 || !parts[0].equals("iotsphere") || !parts[2].equals("devices")) {
            return;
        }
        Map<String, FleetRuntime> index = deviceIndex.get(parts[1]);
        FleetRuntime runtime = index == null ? null : index.get(parts[3]);
        if (runtime == null) {
            return; // not one of ours
        }
        DeviceRuntime device = runtime.byId.get(parts[3]);
        String suffix = FleetRuntime.topicSuffix(topic);
        Map<String, Object> body;
        try {
            body = mapper.readValue(
                    message.payload().toString(StandardCharsets.UTF_8), new TypeReference<Map<String, Object>>() {});
        } catch (Exception e) {
            LOG.warnf("ignored a message on %s that is not a JSON object", topic);
            return;
        }
        if ("commands".equals(suffix)) {
            runtime.command(device, body);
        } else if ("shadow/delta".equals(suffix) && body.get("state") instanceof Map<?, ?> state) {
            @SuppressWarnings("unchecked")
            Map<String, Object> delta = (Map<String, Object>) state;
            runtime.desired(device, delta);
        }
    }

    // ------------------------------------------------------------------------------------------- for backfill

    RawTelemetry raw() {
        return raw;
    }

    SimulatorConfig config() {
        return config;
    }

    SimulatorMetrics metrics() {
        return metrics;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    FleetStore store() {
        return store;
    }

    void finishBackfill(Fleet fleet, long readings, String reason) {
        synchronized (lock(fleet)) {
            if (!fleets.containsKey(key(fleet.tenant(), fleet.id()))) {
                return;
            }
            Fleet current = fleets.get(key(fleet.tenant(), fleet.id()));
            if (reason == null) {
                save(current.with(Fleet.Status.COMPLETED, readings + " readings written", Instant.now())
                        .withSimulatedTime(fleet.scenario().backfill().to(), Instant.now()));
            } else {
                save(current.with(Fleet.Status.FAILED, reason, Instant.now()));
            }
        }
    }

    boolean exists(Fleet fleet) {
        return fleets.containsKey(key(fleet.tenant(), fleet.id()));
    }
}
