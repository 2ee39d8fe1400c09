package io.iotsphere.simulator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.iotsphere.simulator.Fleet;
import io.iotsphere.simulator.Scenario;
import io.iotsphere.simulator.model.SimDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * History as fast as the machine allows: every device is stepped from {@code backfill.from} to {@code backfill.to} at
 * the reporting interval (simulated time, readings stamped with it) and its readings go to Kafka's
 * {@code telemetry-raw} in batches (one record per device and batch), a bounded number in flight. The devices are split
 * over as many threads as there are wheels. At the end, the fault labels are exported next to the fleet.
 */
final class Backfill {

    private static final Logger LOG = Logger.getLogger(Backfill.class);

    private final Fleet fleet;
    private final FleetService service;
    private final Semaphore inFlight;
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Backfill(Fleet fleet, FleetService service) {
        this.fleet = fleet;
        this.service = service;
        this.inFlight = new Semaphore(Math.max(1, service.config().backfillInFlight()));
    }

    /** Runs on the calling (worker) thread until done. */
    void run() {
        long started = System.nanoTime();
        int threads = Math.max(1, Math.min(service.wheels(), fleet.devices().size()));
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int part = t;
            parts.add(CompletableFuture.runAsync(() -> {
                for (int i = part; i < fleet.devices().size() && failure.get() == null; i += threads) {
                    device(fleet.devices().get(i));
                }
            }));
        }
        String reason = null;
        try {
            CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).join();
            // Every record acknowledged (or failed) before the labels are written.
            inFlight.acquire(service.config().backfillInFlight());
            inFlight.release(service.config().backfillInFlight());
            if (failure.get() != null) {
                reason = "Kafka did not take the readings: " + failure.get().getMessage();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
        } catch (RuntimeException e) {
            reason = e.getMessage();
        }
        if (reason == null) {
            Labels.export(service, fleet, service.labels(fleetAsCompleted()));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.infof(
                "backfill of fleet %s: %d readings in %.1f s (%.0f readings/s)%s",
                fleet.id(),
                written.get(),
                seconds,
                written.get() / seconds,
                reason == null ? "" : ", failed: " + reason);
        service.finishBackfill(fleet, written.get(), reason);
    }

    private Fleet fleetAsCompleted() {
        return fleet.with(Fleet.Status.COMPLETED, null, Instant.now());
    }

    private void device(Fleet.Device d) {
        if (!service.exists(fleet)) {
            return; // deleted meanwhile
        }
        Scenario s = fleet.scenario();
        Duration interval = s.interval();
        Instant to = s.backfill().to();
        SimDevice device = service.build(fleet, d, s.backfill().from());
        int batchSize = Math.max(1, Math.min(1000, service.config().backfillBatch()));
        List<Map<String, Object>> batch = new ArrayList<>(batchSize);
        for (Instant t = s.backfill().from().plus(interval); !t.isAfter(to); t = t.plus(interval)) {
            device.advanceTo(t);
            Map<String, Object> reading = new LinkedHashMap<>();
            reading.put("ts", t.toString());
            reading.put("values", device.model().shape().render(device.reading()));
            batch.add(reading);
            if (batch.size() == batchSize) {
                send(d, batch);
                batch = new ArrayList<>(batchSize);
            }
            if (failure.get() != null) {
                return;
            }
        }
        if (!batch.isEmpty()) {
            send(d, batch);
        }
    }

    private void send(Fleet.Device d, List<Map<String, Object>> batch) {
        String payload;
        try {
            payload = service.mapper().writeValueAsString(Map.of("readings", batch));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            if (!inFlight.tryAcquire(2, TimeUnit.MINUTES)) {
                failure.compareAndSet(null, new IllegalStateException("no acknowledgement from Kafka for 2 minutes"));
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
            return;
        }
        int n = batch.size();
        service.raw()
                .send(fleet.tenant(), d.id(), payload)
                .subscribe()
                .with(
                        v -> {
                            written.addAndGet(n);
                            service.metrics().backfilled(n);
                            inFlight.release();
                        },
                        e -> {
                            failure.compareAndSet(null, e);
                            inFlight.release();
                        });
    }
}
