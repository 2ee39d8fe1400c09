package io.iotsphere.contracts.device;

import java.time.Instant;

/**
 * {@code io.iotsphere.device.presence-changed.v1}: the device went online (a message after silence) or offline (no
 * message for the configured silence). Published only on a change.
 */
public record PresenceChanged(String deviceId, boolean online, Instant lastSeen, Instant changedAt) {}
