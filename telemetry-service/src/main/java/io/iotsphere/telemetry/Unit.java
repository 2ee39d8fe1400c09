package io.iotsphere.telemetry;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Units the manufacturer transformers convert from, each a linear function of its dimension's base unit ({@code base =
 * value * factor + offset}). The catalog's canonical units are the base units: °C, W, kWh, L/min, kPa.
 */
public enum Unit {
    DEG_C("degC", Dimension.TEMPERATURE, 1, 0, "°C", "C", "celsius"),
    DEG_F("degF", Dimension.TEMPERATURE, 5.0 / 9.0, -32.0 * 5.0 / 9.0, "°F", "F", "fahrenheit"),
    KELVIN("K", Dimension.TEMPERATURE, 1, -273.15, "kelvin"),
    WATT("W", Dimension.POWER, 1, 0, "watt"),
    KILOWATT("kW", Dimension.POWER, 1000, 0, "kilowatt"),
    KILOWATT_HOUR("kWh", Dimension.ENERGY, 1, 0),
    WATT_HOUR("Wh", Dimension.ENERGY, 0.001, 0),
    MEGAJOULE("MJ", Dimension.ENERGY, 1 / 3.6, 0),
    LITRE_PER_MINUTE("L/min", Dimension.FLOW, 1, 0, "l/min"),
    US_GALLON_PER_MINUTE("gal/min", Dimension.FLOW, 3.785411784, 0, "gpm"),
    CUBIC_METRE_PER_HOUR("m3/h", Dimension.FLOW, 1000.0 / 60.0, 0, "m³/h"),
    KILOPASCAL("kPa", Dimension.PRESSURE, 1, 0),
    PSI("psi", Dimension.PRESSURE, 6.894757293168361, 0),
    BAR("bar", Dimension.PRESSURE, 100, 0);

    public enum Dimension {
        TEMPERATURE,
        POWER,
        ENERGY,
        FLOW,
        PRESSURE
    }

    private static final Map<String, Unit> BY_SYMBOL = new HashMap<>();

    static {
        for (Unit unit : values()) {
            BY_SYMBOL.put(unit.symbol.toLowerCase(Locale.ROOT), unit);
            for (String alias : unit.aliases) {
                BY_SYMBOL.put(alias.toLowerCase(Locale.ROOT), unit);
            }
        }
    }

    private final String symbol;
    private final Dimension dimension;
    private final double factor;
    private final double offset;
    private final String[] aliases;

    Unit(String symbol, Dimension dimension, double factor, double offset, String... aliases) {
        this.symbol = symbol;
        this.dimension = dimension;
        this.factor = factor;
        this.offset = offset;
        this.aliases = aliases;
    }

    public String symbol() {
        return symbol;
    }

    public Dimension dimension() {
        return dimension;
    }

    /** The unit of a symbol or alias ({@code degF}, {@code °F}, {@code fahrenheit}), case-insensitive. */
    public static Optional<Unit> of(String symbol) {
        return symbol == null ? Optional.empty() : Optional.ofNullable(BY_SYMBOL.get(symbol.toLowerCase(Locale.ROOT)));
    }

    public boolean convertibleTo(Unit other) {
        return dimension == other.dimension;
    }

    /** The value, given in this unit, expressed in {@code target} (same dimension). */
    public double convert(double value, Unit target) {
        if (target == this) {
            return value;
        }
        if (!convertibleTo(target)) {
            throw new IllegalArgumentException("cannot convert " + symbol + " to " + target.symbol);
        }
        double base = value * factor + offset;
        return (base - target.offset) / target.factor;
    }
}
