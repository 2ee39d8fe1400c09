package io.iotsphere.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * When a device is offline (power cut, Wi-Fi down): outages start as a Poisson process at a rate per device-day and
 * last an exponentially distributed time. Deterministic by seed, in simulated time. Queried with non-decreasing times.
 */
public final class Connectivity {

    private final SplittableRandom random;
    private final double meanGapSeconds;
    private final double meanOutageSeconds;
    private Instant outageStart;
    private Instant outageEnd;

    public Connectivity(long seed, int index, double outagesPerDay, Duration meanOutage, Instant start) {
        this.random = Rng.stream(seed, index, "connectivity");
        this.meanGapSeconds = outagesPerDay > 0 ? 86_400.0 / outagesPerDay : Double.POSITIVE_INFINITY;
        this.meanOutageSeconds = meanOutage.toSeconds();
        plan(start);
    }

    private void plan(Instant from) {
        if (Double.isInfinite(meanGapSeconds)) {
            outageStart = Instant.MAX;
            outageEnd = Instant.MAX;
            return;
        }
        outageStart = from.plusSeconds((long) Rng.exponential(random, meanGapSeconds));
        outageEnd = outageStart.plusSeconds(Math.max(1, (long) Rng.exponential(random, meanOutageSeconds)));
    }

    public boolean online(Instant t) {
        while (!t.isBefore(outageEnd)) {
            plan(outageEnd);
        }
        return t.isBefore(outageStart);
    }
}
