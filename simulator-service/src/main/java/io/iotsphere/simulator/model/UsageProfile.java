package io.iotsphere.simulator.model;

/**
 * Daily hot-water use: how many draws start per hour of the day (a Poisson process whose rate follows the hour), how
 * much each takes (flow and duration). Households peak in the morning and the evening; a commercial site (a small
 * restaurant, a gym) draws steadily over its opening hours.
 */
public enum UsageProfile {
    HOUSEHOLD(
            new double[] {
                0.05, 0.02, 0.02, 0.02, 0.05, 0.3, 1.6, 2.4, 1.6, 0.8, 0.5, 0.5, 0.7, 0.6, 0.4, 0.4, 0.5, 0.9, 1.4, 1.6,
                1.5, 1.2, 0.7, 0.2
            },
            7.0,
            3.0),
    COMMERCIAL(
            new double[] {
                0.1, 0.1, 0.1, 0.1, 0.1, 0.5, 2.0, 4.0, 5.0, 5.0, 5.0, 6.0, 7.0, 6.0, 5.0, 5.0, 5.0, 6.0, 7.0, 6.0, 4.0,
                2.0, 0.5, 0.2
            },
            10.0,
            2.5),
    /** No draws at all: for tests and for a heater on standby. */
    NONE(new double[24], 0, 0);

    private final double[] drawsPerHour;
    private final double meanFlowLpm;
    private final double meanMinutes;

    UsageProfile(double[] drawsPerHour, double meanFlowLpm, double meanMinutes) {
        this.drawsPerHour = drawsPerHour;
        this.meanFlowLpm = meanFlowLpm;
        this.meanMinutes = meanMinutes;
    }

    /** Rate of draws starting at this hour of the day (per hour). */
    public double drawsPerHour(double hourOfDay) {
        return drawsPerHour[((int) Math.floor(hourOfDay)) % 24];
    }

    public double meanFlowLpm() {
        return meanFlowLpm;
    }

    public double meanMinutes() {
        return meanMinutes;
    }

    /** Litres drawn in an average day. */
    public double dailyLitres() {
        double draws = 0;
        for (double d : drawsPerHour) {
            draws += d;
        }
        return draws * meanFlowLpm * meanMinutes;
    }
}
