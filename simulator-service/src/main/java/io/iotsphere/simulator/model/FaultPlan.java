package io.iotsphere.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * When each fault of one device begins and fails, drawn once from the fleet's seed: onsets are a Poisson process at the
 * scenario's rate (faults per device-year, counted from the simulation's start), the time to failure is uniform in the
 * fault's range. Chains are planned too: a depleted anode is followed by corrosion, and corrosion by a leak.
 */
public final class FaultPlan {

    private static final double YEAR_SECONDS = 365.25 * 86_400;

    /** One fault's course: severity rises linearly from 0 at onset to 1 at failure. */
    public record Episode(Fault fault, Instant onset, Instant failure) {

        public double severity(long t) {
            long start = onset.toEpochMilli();
            if (t < start) {
                return 0;
            }
            long span = failure.toEpochMilli() - start;
            return span <= 0 ? 1 : Math.min(1.0, (t - start) / (double) span);
        }

        public boolean failed(long t) {
            return t >= failure.toEpochMilli();
        }
    }

    private final Map<Fault, Episode> episodes;

    private FaultPlan(Map<Fault, Episode> episodes) {
        this.episodes = episodes;
    }

    public static FaultPlan none() {
        return new FaultPlan(new EnumMap<>(Fault.class));
    }

    /**
     * Plans the faults of a device.
     *
     * @param ratesPerYear faults per device-year by fault (primary faults only)
     * @param start when the simulation (and the device's life) starts
     */
    public static FaultPlan draw(
            long seed, int deviceIndex, DeviceKind kind, Map<Fault, Double> ratesPerYear, Instant start) {
        Map<Fault, Episode> episodes = new EnumMap<>(Fault.class);
        for (Fault fault : Fault.values()) {
            if (!fault.primary() || !fault.appliesTo(kind)) {
                continue;
            }
            double rate = ratesPerYear.getOrDefault(fault, 0.0);
            if (rate <= 0) {
                continue;
            }
            SplittableRandom random = Rng.stream(seed, deviceIndex, "fault:" + fault.label());
            double waitSeconds = Rng.exponential(random, YEAR_SECONDS / rate);
            if (waitSeconds > 50 * YEAR_SECONDS) {
                continue;
            }
            Instant onset = start.plusSeconds((long) waitSeconds);
            Instant failure = onset.plus(course(random, fault));
            episodes.put(fault, new Episode(fault, onset, failure));
            if (fault == Fault.ANODE_DEPLETION) {
                Instant leak = failure.plus(course(random, Fault.TANK_CORROSION));
                episodes.put(Fault.TANK_CORROSION, new Episode(Fault.TANK_CORROSION, failure, leak));
                episodes.put(Fault.LEAK, new Episode(Fault.LEAK, leak, leak));
            }
        }
        return new FaultPlan(episodes);
    }

    private static Duration course(SplittableRandom random, Fault fault) {
        double days = fault.minDays() + random.nextDouble() * (fault.maxDays() - fault.minDays());
        return Duration.ofSeconds((long) (days * 86_400));
    }

    /** Severity (0..1) of a fault at a time; 0 when the device never gets it or it has not begun. */
    public double severity(Fault fault, long epochMillis) {
        Episode e = episodes.get(fault);
        return e == null ? 0 : e.severity(epochMillis);
    }

    public boolean failed(Fault fault, long epochMillis) {
        Episode e = episodes.get(fault);
        return e != null && e.failed(epochMillis);
    }

    /** The labels as known at time t: faults begun by then, with their failure if it happened by then. */
    public List<FaultLabel> labels(String deviceId, Instant t) {
        List<FaultLabel> labels = new ArrayList<>();
        for (Episode e : episodes.values()) {
            if (!e.onset().isAfter(t)) {
                labels.add(new FaultLabel(
                        deviceId, e.fault().label(), e.onset(), e.failed(t.toEpochMilli()) ? e.failure() : null));
            }
        }
        labels.sort(Comparator.comparing(FaultLabel::onset));
        return labels;
    }

    public Map<Fault, Episode> episodes() {
        return Map.copyOf(episodes);
    }
}
