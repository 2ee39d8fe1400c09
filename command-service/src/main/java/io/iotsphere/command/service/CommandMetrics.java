package io.iotsphere.command.service;

import io.iotsphere.contracts.command.CommandStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** The service's business metrics ({@code iotsphere_command_*} in Prometheus). */
@ApplicationScoped
public class CommandMetrics {

    private final MeterRegistry registry;
    private final Timer dispatchToSuccess;

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.dispatchToSuccess = Timer.builder("iotsphere_command_dispatch_to_success_seconds")
                .description("From the dispatch of the attempt that succeeded to the success of the command")
                .publishPercentileHistogram()
                .register(registry);
    }

    public void created(String name) {
        registry.counter("iotsphere_command_created_total", "command", name).increment();
    }

    public void replayed() {
        registry.counter("iotsphere_command_idempotent_replays_total").increment();
    }

    public void transition(CommandStatus to) {
        registry.counter("iotsphere_command_transitions_total", "to", to.name()).increment();
    }

    public void succeeded(Instant sent, Instant at) {
        if (sent != null) {
            dispatchToSuccess.record(Duration.between(sent, at));
        }
    }

    /** A result that changed nothing: {@code duplicate}, {@code late} (refused transition) or {@code unknown}. */
    public void resultIgnored(String source, String why) {
        registry.counter("iotsphere_command_results_ignored_total", "source", source, "reason", why)
                .increment();
    }

    public void resultApplied(String source) {
        registry.counter("iotsphere_command_results_applied_total", "source", source)
                .increment();
    }

    /** Outcome of setting a water heater's desired setpoint in its shadow: SYNCED, REJECTED, FAILED. */
    public void shadowSync(String outcome) {
        registry.counter("iotsphere_command_shadow_sync_total", "outcome", outcome)
                .increment();
    }

    public void mqttPublished(int count) {
        registry.counter("iotsphere_command_mqtt_published_total").increment(count);
    }

    public void mqttSkipped(int count) {
        registry.counter("iotsphere_command_mqtt_stale_skipped_total").increment(count);
    }
}
