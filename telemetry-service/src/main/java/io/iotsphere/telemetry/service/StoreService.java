package io.iotsphere.telemetry.service;

import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.iotsphere.telemetry.Device;
import io.iotsphere.telemetry.Tenant;
import io.iotsphere.telemetry.config.TelemetryConfig;
import io.iotsphere.telemetry.repository.ReadingRepository;
import io.iotsphere.telemetry.repository.ReadingRepository.Rows;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The store: writes batches of accepted readings ({@code telemetry.reading.recorded} events) to PostgreSQL, one
 * transaction per batch, so that the consumer commits its offsets only after the write. Idempotent: a re-delivered
 * reading is not stored twice. Transient failures (connection lost, database restarting) are retried until the
 * database takes the batch; nothing is skipped.
 */
@ApplicationScoped
public class StoreService {

    private static final Logger LOG = Logger.getLogger(StoreService.class);

    @Inject
    Pool pool;

    @Inject
    ReadingRepository repository;

    @Inject
    DeviceDirectory directory;

    @Inject
    MetricDictionary dictionary;

    @Inject
    Partitions partitions;

    @Inject
    TelemetryMetrics metrics;

    @Inject
    TelemetryConfig config;

    /** One event of {@code telemetry-readings}: whose readings, and when they were accepted. */
    public record Event(String tenant, TelemetryRecorded data, Instant acceptedAt) {}

    /** An event the store cannot use, and why (the caller dead-letters it). */
    public record Unusable(Event event, String reason) {}

    /** What a batch came to. */
    public record Outcome(int readings, long written, int expired, List<Unusable> unusable) {}

    private record DeviceRef(String tenant, String deviceId) {}

    private record RowKey(long deviceKey, long micros) implements Comparable<RowKey> {
        @Override
        public int compareTo(RowKey o) {
            int c = Long.compare(deviceKey, o.deviceKey);
            return c != 0 ? c : Long.compare(micros, o.micros);
        }
    }

    /** The rows of a batch, ready to insert: sorted by (device, time), the same reading merged once. */
    private record Prepared(
            TreeMap<RowKey, Map<Short, Double>> rows,
            Set<Long> days,
            int readings,
            int expired,
            List<Unusable> unusable) {}

    public Uni<Outcome> write(List<Event> events) {
        long start = System.nanoTime();
        return attempt(events).invoke(outcome -> {
            int duplicates = (int) Math.max(0, outcome.readings() - outcome.expired() - outcome.written());
            metrics.batch(
                    outcome.readings(),
                    System.nanoTime() - start,
                    (int) outcome.written(),
                    duplicates,
                    outcome.expired());
            Instant now = Instant.now();
            for (Event event : events) {
                if (event.acceptedAt() != null) {
                    metrics.storeDelay(Duration.between(event.acceptedAt(), now));
                }
            }
        });
    }

    private Uni<Outcome> attempt(List<Event> events) {
        Uni<Outcome> attempt = prepare(events)
                .chain(prepared -> insert(prepared)
                        .map(written ->
                                new Outcome(prepared.readings(), written, prepared.expired(), prepared.unusable())));
        return attempt.onFailure(StoreService::transientFailure)
                .invoke(failure -> {
                    LOG.warnf("a batch of %d events was not written (%s); retrying", events.size(), failure.toString());
                    if (missingPartition(failure)) {
                        partitions.forget();
                    }
                })
                .onFailure(StoreService::transientFailure)
                .retry()
                .withBackOff(Duration.ofMillis(200), config.store().maxRetryDelay())
                .indefinitely()
                .onFailure()
                .recoverWithUni(failure -> events.size() == 1
                        ? Uni.createFrom()
                                .item(new Outcome(
                                        count(events),
                                        0,
                                        0,
                                        List.of(new Unusable(events.get(0), failure.getMessage()))))
                        : oneByOne(events, failure));
    }

    /** After a failure that is not transient (a value the database refuses): each event on its own, to find it. */
    private Uni<Outcome> oneByOne(List<Event> events, Throwable failure) {
        LOG.warnf("a batch of %d events was refused (%s); writing them one by one", events.size(), failure.toString());
        return Multi.createFrom()
                .iterable(events)
                .onItem()
                .transformToUniAndConcatenate(event -> attempt(List.of(event)))
                .collect()
                .asList()
                .map(outcomes -> {
                    int readings = 0;
                    long written = 0;
                    int expired = 0;
                    List<Unusable> unusable = new ArrayList<>();
                    for (Outcome o : outcomes) {
                        readings += o.readings();
                        written += o.written();
                        expired += o.expired();
                        unusable.addAll(o.unusable());
                    }
                    return new Outcome(readings, written, expired, unusable);
                });
    }

    private Uni<Prepared> prepare(List<Event> events) {
        Set<DeviceRef> refs = new HashSet<>();
        Set<String> tenants = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Event event : events) {
            refs.add(new DeviceRef(event.tenant(), event.data().deviceId()));
            tenants.add(event.tenant());
            for (Reading reading : event.data().readings()) {
                names.addAll(reading.values().keySet());
            }
        }
        Map<DeviceRef, Optional<Device>> devices = new ConcurrentHashMap<>();
        Map<String, Optional<Tenant>> tenantSettings = new ConcurrentHashMap<>();
        Uni<Void> devicesFound = Multi.createFrom()
                .iterable(refs)
                .onItem()
                .transformToUniAndMerge(
                        ref -> directory.device(ref.tenant(), ref.deviceId()).invoke(found -> devices.put(ref, found)))
                .collect()
                .last()
                .replaceWithVoid();
        Uni<Void> tenantsFound = Multi.createFrom()
                .iterable(tenants)
                .onItem()
                .transformToUniAndMerge(t -> directory.tenant(t).invoke(found -> tenantSettings.put(t, found)))
                .collect()
                .last()
                .replaceWithVoid();
        return Uni.combine()
                .all()
                .unis(devicesFound, tenantsFound, dictionary.resolve(names))
                .with((a, b, slots) -> prepared(events, devices, tenantSettings, slots));
    }

    private Prepared prepared(
            List<Event> events,
            Map<DeviceRef, Optional<Device>> devices,
            Map<String, Optional<Tenant>> tenants,
            Map<String, Short> slots) {
        TreeMap<RowKey, Map<Short, Double>> rows = new TreeMap<>();
        Set<Long> days = new HashSet<>();
        List<Unusable> unusable = new ArrayList<>();
        int readings = 0;
        int expired = 0;
        Instant now = Instant.now();
        for (Event event : events) {
            readings += event.data().readings().size();
            Optional<Device> device = devices.getOrDefault(
                    new DeviceRef(event.tenant(), event.data().deviceId()), Optional.empty());
            if (device.isEmpty()) {
                unusable.add(new Unusable(
                        event,
                        "device '" + event.data().deviceId() + "' of tenant '" + event.tenant()
                                + "' is unknown to the store"));
                continue;
            }
            int retention = tenants.getOrDefault(event.tenant(), Optional.empty())
                    .map(t -> t.rawDays(config.retention().rawDays()))
                    .orElse(config.retention().rawDays());
            long deviceKey = device.get().deviceKey();
            for (Reading reading : event.data().readings()) {
                Instant ts = reading.ts().truncatedTo(ChronoUnit.MICROS);
                if (Normalizer.expired(ts, now, retention)) {
                    expired++;
                    continue;
                }
                long micros = ChronoUnit.MICROS.between(Instant.EPOCH, ts);
                Map<Short, Double> values = rows.computeIfAbsent(new RowKey(deviceKey, micros), k -> new TreeMap<>());
                reading.values().forEach((name, value) -> values.putIfAbsent(slots.get(name), value));
                days.add(Partitions.key(device.get().tenantKey(), LocalDate.ofInstant(ts, ZoneOffset.UTC)));
            }
        }
        return new Prepared(rows, days, readings, expired, unusable);
    }

    private Uni<Long> insert(Prepared prepared) {
        if (prepared.rows().isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        List<Rows> chunks = chunks(prepared.rows(), config.store().maxRowsPerStatement());
        return partitions
                .ensure(prepared.days())
                .chain(() -> pool.withTransaction(connection -> repository
                        .lockBoundary(connection)
                        .chain(boundary -> insertAll(connection, chunks, boundary))));
    }

    private Uni<Long> insertAll(SqlConnection connection, List<Rows> chunks, OffsetDateTime boundary) {
        Uni<Long> total = Uni.createFrom().item(0L);
        for (Rows chunk : chunks) {
            total = total.chain(
                    sum -> repository.insert(connection, chunk, boundary).map(n -> sum + n));
        }
        return total;
    }

    private static List<Rows> chunks(TreeMap<RowKey, Map<Short, Double>> rows, int size) {
        List<Rows> chunks = new ArrayList<>();
        List<Map.Entry<RowKey, Map<Short, Double>>> entries = new ArrayList<>(rows.entrySet());
        for (int from = 0; from < entries.size(); from += size) {
            List<Map.Entry<RowKey, Map<Short, Double>>> part =
                    entries.subList(from, Math.min(entries.size(), from + size));
            int values = 0;
            for (var e : part) {
                values += e.getValue().size();
            }
            Long[] keys = new Long[part.size()];
            OffsetDateTime[] times = new OffsetDateTime[part.size()];
            Integer[] starts = new Integer[part.size()];
            Integer[] ends = new Integer[part.size()];
            Short[] slots = new Short[values];
            Double[] vals = new Double[values];
            int v = 0;
            for (int i = 0; i < part.size(); i++) {
                RowKey key = part.get(i).getKey();
                keys[i] = key.deviceKey();
                times[i] = Instant.EPOCH.plus(key.micros(), ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
                starts[i] = v + 1;
                for (Map.Entry<Short, Double> value : part.get(i).getValue().entrySet()) {
                    slots[v] = value.getKey();
                    vals[v] = value.getValue();
                    v++;
                }
                ends[i] = v;
            }
            chunks.add(new Rows(keys, times, starts, ends, slots, vals));
        }
        return chunks;
    }

    private static int count(List<Event> events) {
        int n = 0;
        for (Event e : events) {
            n += e.data().readings().size();
        }
        return n;
    }

    /**
     * Whether a failure is worth retrying: anything but a statement PostgreSQL refused for its data (SQLSTATE classes
     * 22 data exception, 23 integrity, 42 syntax or access). A missing partition (23514, dropped meanwhile) is
     * transient: it is created again.
     */
    static boolean transientFailure(Throwable failure) {
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            if (missingPartition(failure)) {
                return true;
            }
            return !(state.startsWith("22") || state.startsWith("23") || state.startsWith("42"));
        }
        return !(failure instanceof IllegalArgumentException || failure instanceof NullPointerException);
    }

    static boolean missingPartition(Throwable failure) {
        return failure instanceof PgException pg
                && "23514".equals(pg.getSqlState())
                && String.valueOf(pg.getErrorMessage()).startsWith("no partition");
    }
}
