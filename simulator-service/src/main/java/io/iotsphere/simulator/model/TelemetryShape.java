package io.iotsphere.simulator.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a manufacturer names and scales its telemetry, from the canonical reading (catalog names, °C, W, L/min, kPa,
 * kWh). Must agree with the telemetry service's transformer configuration
 * ({@code telemetry.manufacturers.<name>.fields.*}).
 */
public enum TelemetryShape {
    CANONICAL {
        @Override
        public Map<String, Object> render(Map<String, Object> canonical) {
            return canonical;
        }
    },
    /** HydroMax: °F, kW, US gal/min, psi, Wh; {@code burnerOn} for heating. */
    HYDROMAX {
        @Override
        public Map<String, Object> render(Map<String, Object> c) {
            Map<String, Object> out = new LinkedHashMap<>();
            c.forEach((name, value) -> {
                switch (name) {
                    case "tank_temperature" -> out.put("tankTempF", fahrenheit(value));
                    case "setpoint" -> out.put("setpointF", fahrenheit(value));
                    case "inlet_temperature" -> out.put("inletTempF", fahrenheit(value));
                    case "outlet_temperature" -> out.put("outletTempF", fahrenheit(value));
                    case "ambient_temperature" -> out.put("ambientTempF", fahrenheit(value));
                    case "element_power" -> out.put("elementKw", SimDevice.round(num(value) / 1000.0, 3));
                    case "flow_rate" -> out.put("flowGpm", SimDevice.round(num(value) / LITRES_PER_GALLON, 3));
                    case "pressure" -> out.put("pressurePsi", SimDevice.round(num(value) / KPA_PER_PSI, 2));
                    case "heating" -> out.put("burnerOn", value);
                    case "energy_used" -> out.put("energyWh", SimDevice.round(num(value) * 1000.0, 1));
                    default -> out.put(name, value);
                }
            });
            return out;
        }
    },
    /** FrostVend: °F, camelCase names, {@code sold.<slot>} and {@code stock.<slot>}. */
    FROSTVEND {
        @Override
        public Map<String, Object> render(Map<String, Object> c) {
            Map<String, Object> out = new LinkedHashMap<>();
            c.forEach((name, value) -> {
                if (name.equals("cabinet_temperature")) {
                    out.put("cabinetTempF", fahrenheit(value));
                } else if (name.equals("door_open")) {
                    out.put("doorOpen", value);
                } else if (name.equals("compressor_on")) {
                    out.put("compressorOn", value);
                } else if (name.startsWith("sales.")) {
                    out.put("sold." + name.substring(6), value);
                } else if (name.startsWith("inventory.")) {
                    out.put("stock." + name.substring(10), value);
                } else {
                    out.put(name, value);
                }
            });
            return out;
        }
    };

    static final double LITRES_PER_GALLON = 3.785411784;
    static final double KPA_PER_PSI = 6.894757293168361;

    public abstract Map<String, Object> render(Map<String, Object> canonical);

    static double num(Object value) {
        return ((Number) value).doubleValue();
    }

    static double fahrenheit(Object celsius) {
        return SimDevice.round(num(celsius) * 9.0 / 5.0 + 32.0, 2);
    }
}
