package io.iotsphere.telemetry.service;

import io.iotsphere.contracts.device.TelemetryField;
import io.iotsphere.telemetry.Device;
import io.iotsphere.telemetry.DeviceType;
import io.iotsphere.telemetry.FleetSeries;
import io.iotsphere.telemetry.LatestValues;
import io.iotsphere.telemetry.Series;
import io.iotsphere.telemetry.config.TelemetryConfig;
import io.iotsphere.telemetry.repository.DirectoryRepository;
import io.iotsphere.telemetry.repository.QueryRepository;
import io.iotsphere.telemetry.repository.QueryRepository.Bucket;
import io.iotsphere.telemetry.repository.QueryRepository.Segment;
import io.iotsphere.telemetry.repository.QueryRepository.Source;
import io.iotsphere.telemetry.repository.RollupRepository;
import io.iotsphere.telemetry.repository.RollupRepository.State;
import io.iotsphere.telemetry.rest.Problems;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Queries: a device's latest values, a device's metric over time (raw, or aggregated in buckets), and a metric over
 * the tenant's fleet. Aggregations read the daily rollup for whole days, the hourly rollup for whole hours and the raw
 * readings for the rest, so a long range costs a few hundred rows per device whatever the reading rate.
 */
@ApplicationScoped
public class QueryService {

    /** How the buckets' partial aggregates are combined. */
    public enum Agg {
        AVG,
        MIN,
        MAX,
        SUM,
        COUNT;

        public static Optional<Agg> of(String name) {
            for (Agg agg : values()) {
                if (agg.name().equalsIgnoreCase(name)) {
                    return Optional.of(agg);
                }
            }
            return Optional.empty();
        }

        double value(long count, double sum, double min, double max) {
            return switch (this) {
                case AVG -> sum / count;
                case MIN -> min;
                case MAX -> max;
                case SUM -> sum;
                case COUNT -> count;
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A metric of a query resolved against the catalog: its field, and whether it stands for all keys of a field. */
    record Metric(String name, TelemetryField field, boolean allKeys) {}

    @Inject
    DeviceDirectory directory;

    @Inject
    DirectoryRepository devices;

    @Inject
    MetricDictionary dictionary;

    @Inject
    QueryRepository repository;

    @Inject
    RollupService rollups;

    @Inject
    TelemetryConfig config;

    @Inject
    Pool pool;

    public Uni<Series> series(
            String tenant,
            String deviceId,
            String metricName,
            Instant from,
            Instant to,
            Duration interval,
            Agg agg,
            int limit) {
        return device(tenant, deviceId)
                .chain(device -> type(device).chain(type -> {
                    Metric metric = metric(type, metricName);
                    if (interval == null) {
                        if (metric.allKeys()) {
                            throw Problems.badParameter(
                                    "metric",
                                    "'" + metricName + "' stands for all its keys: raw readings need one key ('"
                                            + metricName + ".<key>') or an interval");
                        }
                        return raw(device, metric, from, to, limit);
                    }
                    return aggregated(List.of(device.deviceKey()), metric, from, to, interval, agg)
                            .map(buckets -> new Series(
                                    device.deviceId(),
                                    metric.name(),
                                    metric.field().unit(),
                                    from,
                                    to,
                                    interval.toString(),
                                    agg.label(),
                                    buckets.stream()
                                            .map(b -> new Series.Point(
                                                    b.ts(), agg.value(b.count(), b.sum(), b.min(), b.max()), b.count()))
                                            .toList(),
                                    null));
                }));
    }

    public Uni<FleetSeries> fleet(
            String tenant, String deviceType, String metricName, Instant from, Instant to, Duration interval, Agg agg) {
        Uni<Metric> metric = deviceType != null
                ? directory
                        .type(deviceType)
                        .map(type -> metric(
                                type.orElseThrow(() -> Problems.badParameter(
                                        "deviceType", "no device type '" + deviceType + "' in the catalog")),
                                metricName))
                : devices.allTypes().map(types -> anyType(types, metricName));
        return metric.chain(m -> devices.deviceKeys(tenant, deviceType)
                .chain(keys -> aggregated(keys, m, from, to, interval, agg)
                        .map(buckets -> new FleetSeries(
                                m.name(),
                                deviceType,
                                m.field().unit(),
                                from,
                                to,
                                interval.toString(),
                                agg.label(),
                                keys.size(),
                                buckets.stream()
                                        .map(b -> new FleetSeries.Point(
                                                b.ts(),
                                                agg.value(b.count(), b.sum(), b.min(), b.max()),
                                                b.count(),
                                                b.devices()))
                                        .toList()))));
    }

    public Uni<LatestValues> latest(String tenant, String deviceId) {
        return device(tenant, deviceId)
                .chain(device -> type(device)
                        .chain(type -> rollups.states()
                                .chain(states -> pool.preparedQuery(
                                                "SELECT slot, name FROM metrics WHERE split_part(name, '.', 1) = ANY($1)")
                                        .execute(Tuple.of(
                                                (Object) type.fields().keySet().toArray(String[]::new)))
                                        .chain(rows -> {
                                            Map<Short, String> names = new HashMap<>();
                                            for (Row row : rows) {
                                                names.put(row.getShort("slot"), row.getString("name"));
                                            }
                                            Instant rolledUp = states.get(RollupRepository.HOUR)
                                                    .materialized()
                                                    .toInstant();
                                            return repository
                                                    .latest(
                                                            device.deviceKey(),
                                                            new ArrayList<>(names.keySet()),
                                                            rolledUp)
                                                    .map(latest -> {
                                                        Map<String, LatestValues.Value> values = new TreeMap<>();
                                                        latest.forEach((slot, l) -> {
                                                            String name = names.get(slot);
                                                            if (name != null) {
                                                                values.put(
                                                                        name,
                                                                        new LatestValues.Value(l.ts(), l.value()));
                                                            }
                                                        });
                                                        return new LatestValues(
                                                                device.deviceId(), device.deviceType(), values);
                                                    });
                                        }))));
    }

    private Uni<Series> raw(Device device, Metric metric, Instant from, Instant to, int limit) {
        return dictionary
                .slotsOf(metric.name(), false)
                .chain(slots -> {
                    if (slots.isEmpty()) {
                        return Uni.createFrom().item(List.<QueryRepository.Point>of());
                    }
                    return repository.points(device.deviceKey(), slots.get(0), from, to, limit + 1);
                })
                .map(points -> {
                    Instant next = points.size() > limit ? points.get(limit).ts() : null;
                    List<Series.Point> shown = points.stream()
                            .limit(limit)
                            .map(p -> new Series.Point(p.ts(), p.value(), null))
                            .toList();
                    return new Series(
                            device.deviceId(), metric.name(), metric.field().unit(), from, to, null, null, shown, next);
                });
    }

    private Uni<List<Bucket>> aggregated(
            List<Long> deviceKeys, Metric metric, Instant from, Instant to, Duration interval, Agg agg) {
        long step = interval.toSeconds();
        Instant first = floor(from, step);
        long buckets = (to.getEpochSecond() - first.getEpochSecond() + step - 1) / step;
        if (buckets > config.query().maxBuckets()) {
            throw Problems.badParameter(
                    "interval",
                    "the range holds " + buckets + " buckets of " + interval + ", at most "
                            + config.query().maxBuckets() + " are returned: widen the interval or narrow the range");
        }
        return dictionary
                .slotsOf(metric.name(), metric.allKeys())
                .chain(slots -> rollups.states()
                        .chain(states -> repository.aggregate(deviceKeys, slots, step, plan(from, to, step, states))));
    }

    /**
     * The sources a range is read from: the coarsest rollup whose granularity divides the interval for the whole
     * buckets it holds (up to where it is complete), the finer levels for the ends.
     */
    static List<Segment> plan(Instant from, Instant to, long intervalSeconds, Map<String, State> states) {
        Source top = intervalSeconds % 86_400 == 0
                ? Source.DAILY
                : intervalSeconds % 3_600 == 0 ? Source.HOURLY : Source.RAW;
        Instant hours = states.get(RollupRepository.HOUR).materialized().toInstant();
        Instant days = states.get(RollupRepository.DAY).materialized().toInstant();
        List<Segment> segments = new ArrayList<>();
        split(from, to, top, hours, days, segments);
        return segments;
    }

    private static void split(Instant from, Instant to, Source level, Instant hours, Instant days, List<Segment> out) {
        if (!from.isBefore(to)) {
            return;
        }
        if (level == Source.RAW) {
            out.add(new Segment(Source.RAW, from, to));
            return;
        }
        long g = level == Source.DAILY ? 86_400 : 3_600;
        Source finer = level == Source.DAILY ? Source.HOURLY : Source.RAW;
        Instant complete = level == Source.DAILY ? days : hours;
        Instant a = ceil(from, g);
        Instant b = floor(to, g);
        if (complete.isBefore(b)) {
            b = floor(complete, g);
        }
        if (!a.isBefore(b)) {
            split(from, to, finer, hours, days, out);
            return;
        }
        split(from, a, finer, hours, days, out);
        out.add(new Segment(level, a, b));
        split(b, to, finer, hours, days, out);
    }

    static Instant floor(Instant t, long seconds) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds);
    }

    static Instant ceil(Instant t, long seconds) {
        Instant floor = floor(t, seconds);
        return floor.equals(t) ? t : floor.plusSeconds(seconds);
    }

    private Uni<Device> device(String tenant, String deviceId) {
        return directory
                .device(tenant, deviceId)
                .map(found ->
                        found.orElseThrow(() -> Problems.notFound("no device '" + deviceId + "' in this tenant")));
    }

    private Uni<DeviceType> type(Device device) {
        return directory
                .type(device.deviceType())
                .map(found -> found.orElseThrow(() -> Problems.conflict("the type '" + device.deviceType()
                        + "' of device '" + device.deviceId() + "' is not in the device type catalog yet")));
    }

    static Metric metric(DeviceType type, String name) {
        int dot = name.indexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        TelemetryField field = type.fields().get(base);
        if (field == null) {
            throw Problems.badParameter(
                    "metric", "device type '" + type.typeId() + "' has no telemetry field '" + base + "'");
        }
        if (dot >= 0 && !field.keyed()) {
            throw Problems.badParameter("metric", "'" + base + "' takes no key");
        }
        if (dot >= 0 && !Normalizer.KEY.matcher(name.substring(dot + 1)).matches()) {
            throw Problems.badParameter("metric", "key '" + name.substring(dot + 1) + "' is not a valid key");
        }
        return new Metric(name, field, field.keyed() && dot < 0);
    }

    private static Metric anyType(List<DeviceType> types, String name) {
        String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        for (DeviceType type : types) {
            if (type.fields().containsKey(base)) {
                return metric(type, name);
            }
        }
        throw Problems.badParameter("metric", "no device type in the catalog has a telemetry field '" + base + "'");
    }
}
