package io.iotsphere.simulator.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The simulator's metrics ({@code iotsphere_simulator_*}). */
@ApplicationScoped
public class SimulatorMetrics {

    private final MeterRegistry registry;
    private final Counter published;
    private final Counter publishFailures;
    private final Counter offline;
    private final Counter backfilled;
    private final Counter provisioned;
    private final Counter tokenFailures;
    private final Timer tick;
    private final AtomicInteger running = new AtomicInteger();

    public SimulatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        published = Counter.builder("iotsphere_simulator_readings_published")
                .description("Readings the simulated devices published (live)")
                .register(registry);
        publishFailures = Counter.builder("iotsphere_simulator_publish_failures")
                .description("Telemetry messages that could not be sent (kept for the next report)")
                .register(registry);
        offline = Counter.builder("iotsphere_simulator_outages")
                .description("Times a simulated device went offline")
                .register(registry);
        backfilled = Counter.builder("iotsphere_simulator_backfill_readings")
                .description("Readings written by backfills")
                .register(registry);
        provisioned = Counter.builder("iotsphere_simulator_devices_provisioned")
                .description("Devices registered in the registry")
                .register(registry);
        tokenFailures = Counter.builder("iotsphere_simulator_token_failures")
                .description("Token exchanges the registry refused or did not answer")
                .register(registry);
        tick = Timer.builder("iotsphere_simulator_tick_duration")
                .description("Time to step and report the devices of one slot of a timer wheel")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        registry.gauge("iotsphere_simulator_devices_running", running);
    }

    void published(int n) {
        published.increment(n);
    }

    void publishFailed() {
        publishFailures.increment();
    }

    void offline(int n) {
        offline.increment(n);
    }

    void backfilled(int n) {
        backfilled.increment(n);
    }

    void provisioned(int n) {
        provisioned.increment(n);
    }

    void tokenFailed() {
        tokenFailures.increment();
    }

    void tick(long nanos) {
        tick.record(nanos, TimeUnit.NANOSECONDS);
    }

    void running(int delta) {
        running.addAndGet(delta);
    }

    void command(String outcome) {
        registry.counter("iotsphere_simulator_commands", "outcome", outcome).increment();
    }
}
