package io.iotsphere.telemetry;

/**
 * A tenant's retention: days raw readings and rollups are kept, and whether each is the platform's default.
 *
 * @param rawDays readings older than this many days are dropped (whole day partitions) and refused at ingestion
 * @param rollupDays hourly and daily rollups older than this many days are dropped
 */
public record Retention(int rawDays, int rollupDays, boolean rawDaysDefault, boolean rollupDaysDefault) {}
