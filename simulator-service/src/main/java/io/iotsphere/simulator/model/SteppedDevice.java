package io.iotsphere.simulator.model;

import java.time.Instant;
import java.util.List;

/**
 * What every simulated device shares: its identity, its fault plan, and simulated time advanced in explicit steps of at
 * most a maximum length, each integrated by {@link #step}.
 */
abstract class SteppedDevice implements SimDevice {

    protected final String id;
    protected final Model model;
    protected final FaultPlan faults;
    private final long maxStepMs;

    /** The simulated time the device has been stepped to. */
    protected Instant now;

    SteppedDevice(String id, Model model, FaultPlan faults, double maxStepSeconds, Instant start) {
        this.id = id;
        this.model = model;
        this.faults = faults;
        this.maxStepMs = (long) (maxStepSeconds * 1000);
        this.now = start;
    }

    /** Integrates the device's physics over {@code dt} seconds from {@code nowMs} (epoch milliseconds). */
    protected abstract void step(long nowMs, double dt);

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Model model() {
        return model;
    }

    @Override
    public final Instant now() {
        return now;
    }

    @Override
    public final void advanceTo(Instant t) {
        long target = t.toEpochMilli();
        long ms = now.toEpochMilli();
        while (ms < target) {
            long stepMs = Math.min(target - ms, maxStepMs);
            step(ms, stepMs / 1000.0);
            ms += stepMs;
        }
        if (t.isAfter(now)) {
            now = t;
        }
    }

    @Override
    public final List<FaultLabel> labels() {
        return faults.labels(id, now);
    }
}
