package io.iotsphere.telemetry.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's business metrics, all named {@code iotsphere_telemetry_*} in Prometheus: readings ingested and
 * rejected (by channel and reason), what the store wrote (batch sizes, write latency, delay from acceptance to
 * storage, duplicates, expired), consumer lag and how far the rollups are behind.
 */
@ApplicationScoped
public class TelemetryMetrics {

    /** Where readings come in. */
    public enum Channel {
        HTTP,
        MQTT,
        KAFKA;

        public String tag() {
            return name().toLowerCase();
        }
    }

    /** Why readings were turned away. */
    public enum Reason {
        MALFORMED,
        UNKNOWN_DEVICE,
        DECOMMISSIONED,
        UNKNOWN_TYPE,
        INVALID_READING,
        INVALID_EVENT;

        public String tag() {
            return name().toLowerCase();
        }
    }

    @Inject
    MeterRegistry registry;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private final AtomicLong rollupLagSeconds = new AtomicLong();
    private DistributionSummary batchSize;
    private Timer writeLatency;
    private Timer storeDelay;
    private Counter stored;
    private Counter duplicates;
    private Counter expired;

    @PostConstruct
    void init() {
        batchSize = DistributionSummary.builder("iotsphere.telemetry.store.batch.readings")
                .description("Readings written to PostgreSQL per batch of the store")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(100_000.0)
                .register(registry);
        writeLatency = Timer.builder("iotsphere.telemetry.store.write")
                .description("Time to write one batch of readings to PostgreSQL (transaction included)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        storeDelay = Timer.builder("iotsphere.telemetry.store.delay")
                .description(
                        "Time from a reading's acceptance (HTTP, MQTT, Kafka) to its storage: when it is queryable")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        stored = Counter.builder("iotsphere.telemetry.readings.stored")
                .description("Readings written to PostgreSQL (new ones, or adding metrics to a stored reading)")
                .register(registry);
        duplicates = Counter.builder("iotsphere.telemetry.readings.duplicates")
                .description("Readings the store already had (re-delivered or re-sent), not stored again")
                .register(registry);
        expired = Counter.builder("iotsphere.telemetry.readings.expired")
                .description("Readings that reached the store after their tenant's raw retention, not stored")
                .register(registry);
        Gauge.builder("iotsphere.telemetry.rollup.lag.seconds", rollupLagSeconds, AtomicLong::get)
                .description("How far the hourly rollup is behind the clock (closed hours not rolled up yet)")
                .register(registry);
    }

    public void ingested(Channel channel, int readings) {
        counter(
                        "iotsphere.telemetry.readings.ingested",
                        "Readings accepted and published to telemetry-readings",
                        channel,
                        null)
                .increment(readings);
    }

    public void rejected(Channel channel, Reason reason, int readings) {
        counter(
                        "iotsphere.telemetry.readings.rejected",
                        "Readings (or unreadable payloads) refused, by reason",
                        channel,
                        reason)
                .increment(readings);
    }

    public void storeRejected(int events) {
        counter(
                        "iotsphere.telemetry.readings.rejected",
                        "Readings (or unreadable payloads) refused, by reason",
                        null,
                        Reason.INVALID_EVENT)
                .increment(events);
    }

    public void batch(int readings, long nanos, int written, int duplicate, int expiredReadings) {
        batchSize.record(readings);
        writeLatency.record(Duration.ofNanos(nanos));
        stored.increment(written);
        duplicates.increment(duplicate);
        expired.increment(expiredReadings);
    }

    public void storeDelay(Duration delay) {
        storeDelay.record(delay.isNegative() ? Duration.ZERO : delay);
    }

    /** Records behind the end of the topic for a consumer channel ({@code store}, {@code raw}, {@code lifecycle}). */
    public void consumerLag(String channel, long records) {
        lags.computeIfAbsent(channel, c -> {
                    AtomicLong value = new AtomicLong();
                    Gauge.builder("iotsphere.telemetry.consumer.lag.records", value, AtomicLong::get)
                            .description("Records not yet consumed on the channel's topic (sum over its partitions)")
                            .tag("channel", c)
                            .register(registry);
                    return value;
                })
                .set(records);
    }

    public void rollupLag(Duration lag) {
        rollupLagSeconds.set(Math.max(0, lag.toSeconds()));
    }

    private Counter counter(String name, String description, Channel channel, Reason reason) {
        String channelTag = channel == null ? "store" : channel.tag();
        String key = name + '|' + channelTag + '|' + (reason == null ? "" : reason.tag());
        return counters.computeIfAbsent(key, k -> {
            Counter.Builder builder =
                    Counter.builder(name).description(description).tag("channel", channelTag);
            if (reason != null) {
                builder.tag("reason", reason.tag());
            }
            return builder.register(registry);
        });
    }
}
