package io.iotsphere.simulator.model;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic random streams: every stream is derived from (fleet seed, device index, purpose) alone, so the same
 * seed gives the same fleet and the same readings whatever the order in which devices are stepped.
 */
public final class Rng {

    private Rng() {}

    public static SplittableRandom stream(long seed, int deviceIndex, String purpose) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ deviceIndex);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        return new SplittableRandom(h);
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** An exponentially distributed wait with the given mean. */
    public static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1.0 - random.nextDouble());
    }

    /** A Poisson-distributed count with the given (small) mean (Knuth's method; means here are well below 30). */
    public static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        int k = 0;
        double p = random.nextDouble();
        while (p > limit) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }

    /** A normally distributed value (Box-Muller). */
    public static double gaussian(SplittableRandom random, double mean, double sd) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
