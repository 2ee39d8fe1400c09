package io.iotsphere.simulator.model;

import java.util.Locale;

/**
 * The faults a simulated device develops, as named in the ground-truth labels. Each progresses from its onset to its
 * failure; some lead to others (a depleted anode lets the tank corrode, a corroded tank leaks).
 */
public enum Fault {
    /** Scale on the element: less of its heat reaches the water. Failure: efficiency down to 70 %. */
    SEDIMENT(120, 240),
    /** The sacrificial anode is used up (no visible effect); failure = fully depleted, corrosion starts. */
    ANODE_DEPLETION(60, 180),
    /** The tank corrodes once the anode is gone; failure = the tank leaks. */
    TANK_CORROSION(30, 90),
    /** Water escapes: pressure falls, heat goes with the water. Onset = failure (a leak is a failure). */
    LEAK(0, 0),
    /** The element weakens (power drops by up to 15 %), then burns out: no heating at all. */
    ELEMENT_BURNOUT(7, 30),
    /** The thermostat reads low by up to 8 °C: the water runs hotter than the setpoint. Failure: 5 °C off. */
    THERMOSTAT_DRIFT(30, 120),
    /** The pressure relief valve sticks closed: pressure builds with thermal expansion. Failure: over 900 kPa. */
    RELIEF_VALVE(14, 60),
    /** A vending machine's compressor loses capacity, then stops cooling. */
    COMPRESSOR(7, 45);

    private final int minDays;
    private final int maxDays;

    Fault(int minDays, int maxDays) {
        this.minDays = minDays;
        this.maxDays = maxDays;
    }

    /** Shortest and longest time from onset to failure. */
    public int minDays() {
        return minDays;
    }

    public int maxDays() {
        return maxDays;
    }

    /** The name in scenarios and labels: {@code element_burnout}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Fault of(String label) {
        for (Fault f : values()) {
            if (f.label().equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + label + "'");
    }

    /** Faults that a scenario may give a rate to (the others follow from them). */
    public boolean primary() {
        return this != TANK_CORROSION && this != LEAK;
    }

    public boolean appliesTo(DeviceKind kind) {
        return kind == DeviceKind.VENDING_MACHINE ? this == COMPRESSOR : this != COMPRESSOR;
    }
}
