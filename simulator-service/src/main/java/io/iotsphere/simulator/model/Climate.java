package io.iotsphere.simulator.model;

import java.time.Instant;

/**
 * Seasonal and daily temperatures of a site (northern hemisphere, times in UTC as the site's local time): the cold
 * water inlet follows the ground (a slow, damped seasonal wave, coldest in early March), the air around an indoor
 * appliance follows the season and the day. Each site has an offset of its own.
 */
public record Climate(double inletMean, double inletSwing, double ambientMean, double ambientSwing, double dailySwing) {

    static final double YEAR_DAYS = 365.2425;

    /** A temperate climate: inlet 7..17 °C over the year, a basement 15..21 °C, ±1.5 °C over the day. */
    public static Climate temperate(double siteOffset) {
        return new Climate(12 + siteOffset, 5, 18 + siteOffset, 3, 1.5);
    }

    public double inletTemperature(Instant t) {
        return inletTemperature(t.toEpochMilli());
    }

    public double ambientTemperature(Instant t) {
        return ambientTemperature(t.toEpochMilli());
    }

    /** At a time in epoch milliseconds (the models' hot path avoids allocating). */
    public double inletTemperature(long epochMillis) {
        // Ground water lags the air by about a month and a half: coldest around day 60, warmest around day 243.
        return inletMean + inletSwing * Math.sin(2 * Math.PI * (dayOfYear(epochMillis) - 151.5) / YEAR_DAYS);
    }

    public double ambientTemperature(long epochMillis) {
        double seasonal = ambientSwing * Math.sin(2 * Math.PI * (dayOfYear(epochMillis) - 111.0) / YEAR_DAYS);
        // Warmest mid-afternoon, coldest before dawn.
        double daily = dailySwing * Math.sin(2 * Math.PI * (hourOfDay(epochMillis) - 9.0) / 24.0);
        return ambientMean + seasonal + daily;
    }

    /** Days since the start of the (mean Gregorian) year: within a day of the calendar's, which is plenty here. */
    static double dayOfYear(long epochMillis) {
        double days = epochMillis / 86_400_000.0;
        return days - Math.floor(days / YEAR_DAYS) * YEAR_DAYS;
    }

    /** Hour of the day as a fraction (13.5 = 13:30). */
    public static double hourOfDay(Instant t) {
        return hourOfDay(t.toEpochMilli());
    }

    public static double hourOfDay(long epochMillis) {
        return Math.floorMod(epochMillis, 86_400_000L) / 3_600_000.0;
    }
}
