package io.iotsphere.registry;

/**
 * Where a device is in its life: registered (never authenticated nor heard from), active (it has authenticated or
 * reported), decommissioned (retired, credentials revoked). Presence (online/offline) is tracked beside it.
 */
public enum LifecycleStatus {
    REGISTERED,
    ACTIVE,
    DECOMMISSIONED;

    public String value() {
        return name().toLowerCase();
    }

    public static LifecycleStatus of(String value) {
        return valueOf(value.toUpperCase());
    }
}
