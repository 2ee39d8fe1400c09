package io.iotsphere.telemetry;

/**
 * A device as this service knows it from {@code device-lifecycle}: identity (tenant + id), the key its readings are
 * stored under, its type and manufacturer.
 *
 * @param deviceKey {@code tenantKey << 40 | sequence}: the storage key, which also places the readings in the
 *     tenant's partitions
 */
public record Device(
        String tenant,
        String deviceId,
        long deviceKey,
        String deviceType,
        String manufacturer,
        boolean decommissioned) {

    public static final int TENANT_SHIFT = 40;

    public int tenantKey() {
        return tenantKeyOf(deviceKey);
    }

    public static int tenantKeyOf(long deviceKey) {
        return (int) (deviceKey >>> TENANT_SHIFT);
    }
}
