package io.iotsphere.simulator.model;

import java.time.Instant;

/**
 * Ground truth: a fault of a device, when it began and when it failed ({@code failure} null while it has not yet, as
 * of the time the label was read).
 */
public record FaultLabel(String deviceId, String fault, Instant onset, Instant failure) {}
