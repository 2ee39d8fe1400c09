package io.iotsphere.simulator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsphere.simulator.Fleet;
import io.iotsphere.simulator.messaging.MqttLink;
import io.iotsphere.simulator.model.CommandOutcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * A running fleet: its devices spread over a few timer wheels, each a periodic timer on an event loop of its own. A
 * wheel has one slot per tick of the reporting interval; a device sits in the slot of its phase, so each tick steps and
 * reports only the devices of one slot (no thread per device, the load spread evenly over the interval). The
 * simulated clock runs {@code acceleration} times faster than the real one from where it was at start.
 */
final class FleetRuntime {

    private static final Logger LOG = Logger.getLogger(FleetRuntime.class);

    /** What the runtime needs from the service around it. */
    interface Outlet {
        Future<Void> publish(String topic, int wheel, String payload);

        Future<Void> sendTelemetry(FleetRuntime fleet, DeviceRuntime d, String payload);

        void renewToken(FleetRuntime fleet, DeviceRuntime d);
    }

    final Fleet fleet;
    final List<DeviceRuntime> devices;
    final Map<String, DeviceRuntime> byId = new LinkedHashMap<>();
    final SimulatorMetrics metrics;
    private final Vertx vertx;
    private final Outlet outlet;
    private final ObjectMapper mapper;
    private final int bufferMax;
    private final long tickMs;
    private final int slots;
    private final double acceleration;
    private final boolean simulatedTimestamps;
    private final List<Wheel> wheels = new ArrayList<>();
    private final AtomicLong readings = new AtomicLong();
    private volatile long wallAnchor;
    private volatile Instant simAnchor;
    private volatile boolean stopped;

    private final class Wheel {
        final int index;
        final Context context;
        final List<List<DeviceRuntime>> slotDevices = new ArrayList<>();
        long timer = -1;
        long lastTick;

        Wheel(int index, Context context) {
            this.index = index;
            this.context = context;
            for (int i = 0; i < slots; i++) {
                slotDevices.add(new ArrayList<>());
            }
        }
    }

    FleetRuntime(
            Fleet fleet,
            List<DeviceRuntime> devices,
            int wheelCount,
            Duration tick,
            int bufferMax,
            Vertx vertx,
            Outlet outlet,
            ObjectMapper mapper,
            SimulatorMetrics metrics) {
        this.fleet = fleet;
        this.devices = devices;
        this.vertx = vertx;
        this.outlet = outlet;
        this.mapper = mapper;
        this.metrics = metrics;
        this.bufferMax = bufferMax;
        long interval = fleet.scenario().interval().toMillis();
        this.tickMs = Math.max(10, Math.min(tick.toMillis(), interval));
        this.slots = (int) Math.max(1, interval / tickMs);
        this.acceleration = fleet.scenario().accelerationOrDefault();
        this.simulatedTimestamps = acceleration == 1.0;
        for (int w = 0; w < wheelCount; w++) {
            // From a worker thread, each call gives a new event-loop context (round robin over the event loops).
            wheels.add(new Wheel(w, vertx.getOrCreateContext()));
        }
        for (DeviceRuntime d : devices) {
            byId.put(d.meta.id(), d);
            // A device's phase within the interval: spread evenly, fixed by its index.
            int slot = (int) ((d.meta.index() * 2654435761L & 0xffffffffL) % slots);
            wheels.get(d.wheel).slotDevices.get(slot).add(d);
        }
    }

    static int wheelOf(int index, int wheelCount) {
        return index % wheelCount;
    }

    void start(Instant simulatedFrom) {
        simAnchor = simulatedFrom;
        wallAnchor = System.currentTimeMillis();
        for (Wheel w : wheels) {
            w.lastTick = wallAnchor / tickMs;
            w.context.runOnContext(v -> {
                if (!stopped) {
                    w.timer = vertx.setPeriodic(tickMs, id -> turn(w));
                }
            });
        }
    }

    void stop() {
        stopped = true;
        for (Wheel w : wheels) {
            w.context.runOnContext(v -> vertx.cancelTimer(w.timer));
        }
    }

    /** The simulated time now (live). */
    Instant simulatedNow() {
        long elapsed = System.currentTimeMillis() - wallAnchor;
        return simAnchor.plusMillis((long) (elapsed * acceleration));
    }

    long readingsSent() {
        return readings.get();
    }

    private void turn(Wheel w) {
        if (stopped) {
            return;
        }
        long started = System.nanoTime();
        long nowTick = System.currentTimeMillis() / tickMs;
        // Catch up with the ticks a late timer missed, at most one whole turn of the wheel.
        long from = Math.max(w.lastTick + 1, nowTick - slots + 1);
        Instant sim = simulatedNow();
        Instant stamp = simulatedTimestamps ? sim : Instant.now();
        for (long t = from; t <= nowTick; t++) {
            for (DeviceRuntime d : w.slotDevices.get((int) (t % slots))) {
                report(w, d, sim, stamp);
            }
        }
        w.lastTick = nowTick;
        metrics.tick(System.nanoTime() - started);
    }

    private void report(Wheel w, DeviceRuntime d, Instant sim, Instant stamp) {
        try {
            d.device.advanceTo(sim);
        } catch (RuntimeException e) {
            LOG.errorf(e, "device %s of fleet %s failed to step", d.meta.id(), fleet.id());
            return;
        }
        Map<String, Object> values = d.device.model().shape().render(d.device.reading());
        d.keep(new DeviceRuntime.Pending(stamp, values), bufferMax);
        boolean online = d.connectivity.online(sim);
        if (!online) {
            if (d.online) {
                metrics.offline(1);
            }
            d.online = false;
            return;
        }
        if (!d.online) {
            d.online = true;
            d.stateReported = false;
        }
        if (!d.stateReported) {
            d.stateReported = true;
            reportState(w.index, d);
        }
        List<DeviceRuntime.Pending> batch = new ArrayList<>(d.unsent);
        d.unsent.clear();
        String payload = payload(batch);
        Future<Void> sent = fleet.scenario().http()
                ? outlet.sendTelemetry(this, d, payload)
                : outlet.publish(topic(d, "telemetry"), w.index, payload);
        sent.onComplete(result -> w.context.runOnContext(v -> {
            if (result.succeeded()) {
                readings.addAndGet(batch.size());
                metrics.published(batch.size());
            } else {
                metrics.publishFailed();
                // Kept for the next report, in order, before what came since.
                for (int i = batch.size() - 1; i >= 0; i--) {
                    d.unsent.addFirst(batch.get(i));
                }
                while (d.unsent.size() > bufferMax) {
                    d.unsent.removeFirst();
                }
            }
        }));
    }

    private String payload(List<DeviceRuntime.Pending> batch) {
        try {
            if (batch.size() == 1) {
                return mapper.writeValueAsString(reading(batch.get(0)));
            }
            List<Map<String, Object>> readings = new ArrayList<>(batch.size());
            for (DeviceRuntime.Pending p : batch) {
                readings.add(reading(p));
            }
            return mapper.writeValueAsString(Map.of("readings", readings));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> reading(DeviceRuntime.Pending p) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ts", p.ts().toString());
        r.put("values", p.values());
        return r;
    }

    void reportState(int wheel, DeviceRuntime d) {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("state", Map.of("reported", d.device.reportedState()));
        update.put("clientToken", "sim-" + System.nanoTime());
        outlet.publish(topic(d, "state/reported"), wheel, json(update))
                .onFailure(e -> w(d).context.runOnContext(v -> d.stateReported = false));
    }

    private Wheel w(DeviceRuntime d) {
        return wheels.get(d.wheel);
    }

    /** A command for a device: run on the device's wheel, acknowledged, executed, answered, state reported. */
    void command(DeviceRuntime d, Map<String, Object> command) {
        w(d).context.runOnContext(v -> {
            Object commandId = command.get("commandId");
            if (!(commandId instanceof String id) || stopped) {
                return;
            }
            Instant sim = simulatedNow();
            d.device.advanceTo(sim);
            if (!d.connectivity.online(sim)) {
                metrics.command("ignored-offline");
                return; // an offline device never got it: the command service times it out and retries
            }
            publishResult(d, Map.of("commandId", id, "status", "acknowledged"));
            Object params = command.get("params");
            @SuppressWarnings("unchecked")
            Map<String, Object> args = params instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            CommandOutcome outcome = d.device.execute(String.valueOf(command.get("name")), args);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("commandId", id);
            result.put("status", outcome.completed() ? "completed" : "failed");
            if (outcome.completed()) {
                result.put("result", outcome.result());
            } else {
                result.put("error", outcome.error());
            }
            publishResult(d, result);
            metrics.command(outcome.completed() ? "completed" : "failed");
            reportState(d.wheel, d);
        });
    }

    /** A shadow delta: the desired state the device should take. */
    void desired(DeviceRuntime d, Map<String, Object> delta) {
        w(d).context.runOnContext(v -> {
            if (stopped) {
                return;
            }
            d.device.advanceTo(simulatedNow());
            d.device.applyDesired(delta);
            reportState(d.wheel, d);
        });
    }

    private void publishResult(DeviceRuntime d, Map<String, Object> result) {
        outlet.publish(topic(d, "commands/results"), d.wheel, json(result))
                .onFailure(e -> LOG.warnf("result for %s not published: %s", d.meta.id(), e.getMessage()));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Devices whose token runs out soon (HTTP transport) renew it in the background. */
    void renewTokens(Duration before) {
        Instant limit = Instant.now().plus(before);
        for (DeviceRuntime d : devices) {
            if (!d.renewing && d.tokenExpires.isBefore(limit)) {
                outlet.renewToken(this, d);
            }
        }
    }

    private String topic(DeviceRuntime d, String suffix) {
        return MqttLink.topic(fleet.tenant(), d.meta.id(), suffix);
    }

    String tenant() {
        return fleet.tenant();
    }

    static String topicSuffix(String topic) {
        return MqttLink.INBOUND.stream().filter(topic::endsWith).findFirst().orElse(null);
    }
}
