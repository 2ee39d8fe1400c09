package io.iotsphere.telemetry;

/**
 * A tenant with devices in this service: its key (the high bits of its devices' keys and the name of its partitions)
 * and its own retention settings, {@code null} where it keeps the default.
 */
public record Tenant(String tenant, int tenantKey, Integer rawRetentionDays, Integer rollupRetentionDays) {

    public int rawDays(int defaultDays) {
        return rawRetentionDays == null ? defaultDays : rawRetentionDays;
    }

    public int rollupDays(int defaultDays) {
        return rollupRetentionDays == null ? defaultDays : rollupRetentionDays;
    }
}
