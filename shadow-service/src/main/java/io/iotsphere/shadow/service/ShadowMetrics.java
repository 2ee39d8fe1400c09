package io.iotsphere.shadow.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The service's business metrics; Prometheus names start with {@code iotsphere_shadow_}. */
@ApplicationScoped
public class ShadowMetrics {

    /** Where an update came from. */
    public enum Source {
        API,
        MQTT,
        TELEMETRY;

        String tag() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> updates = new ConcurrentHashMap<>();
    private final Map<Source, Timer> latencies = new ConcurrentHashMap<>();
    private final Counter retries;

    public ShadowMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.retries = Counter.builder("iotsphere.shadow.update.retries")
                .description("Shadow writes retried because another update won the race")
                .register(registry);
    }

    /** {@code iotsphere_shadow_updates_total{source, outcome}}: accepted, conflict, rejected, skipped, failed. */
    public void update(Source source, String outcome) {
        updates.computeIfAbsent(
                        source.tag() + "/" + outcome,
                        key -> Counter.builder("iotsphere.shadow.updates")
                                .description("Shadow updates by source and outcome")
                                .tag("source", source.tag())
                                .tag("outcome", outcome)
                                .register(registry))
                .increment();
    }

    /** {@code iotsphere_shadow_update_seconds{source}}: time from request to stored (accepted updates only). */
    public void latency(Source source, Duration duration) {
        latencies
                .computeIfAbsent(
                        source,
                        key -> Timer.builder("iotsphere.shadow.update")
                                .description("Time to apply and store an accepted shadow update")
                                .tag("source", source.tag())
                                .publishPercentileHistogram()
                                .register(registry))
                .record(duration);
    }

    /** {@code iotsphere_shadow_update_retries_total}: writes repeated because the shadow changed in between. */
    public void retry() {
        retries.increment();
    }

    /** {@code iotsphere_shadow_outbox_relayed_total{outbox}}. */
    public void relayed(String outbox, int count) {
        Counter.builder("iotsphere.shadow.outbox.relayed")
                .description("Outbox entries delivered (Kafka acked, or MQTT delta pushed)")
                .tag("outbox", outbox)
                .register(registry)
                .increment(count);
    }

    /** {@code iotsphere_shadow_events_ignored_total{reason}}: valid inputs with nothing to do. */
    public void ignored(String input, String reason) {
        Counter.builder("iotsphere.shadow.events.ignored")
                .description("Incoming events and messages that had nothing to change")
                .tag("input", input)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
