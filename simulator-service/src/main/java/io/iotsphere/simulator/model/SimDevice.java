package io.iotsphere.simulator.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A simulated device, stepped in simulated time only: {@link #advanceTo} integrates its physics up to a time, then its
 * reading, reported state and labels describe it at that time. Not thread-safe: one device is stepped by one thread.
 */
public interface SimDevice {

    String id();

    DeviceKind kind();

    Model model();

    /** The simulated time the device has been stepped to. */
    Instant now();

    void advanceTo(Instant t);

    /** Telemetry at {@link #now()} in canonical names and units (as the device-type catalog defines them). */
    Map<String, Object> reading();

    /** The state the device reports to its shadow. */
    Map<String, Object> reportedState();

    /** Runs a command (as named in the device-type catalog). */
    CommandOutcome execute(String name, Map<String, Object> params);

    /** Applies a shadow delta (desired state); answers whether anything changed. */
    boolean applyDesired(Map<String, Object> desired);

    /** The ground truth of its faults as of {@link #now()}. */
    List<FaultLabel> labels();

    static double number(Object value, String name) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("'" + name + "' must be a number");
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
