package io.iotsphere.simulator.model;

/** The device types the simulator models, by their registry type id. */
public enum DeviceKind {
    WATER_HEATER("water-heater"),
    VENDING_MACHINE("vending-machine");

    private final String typeId;

    DeviceKind(String typeId) {
        this.typeId = typeId;
    }

    public String typeId() {
        return typeId;
    }

    public static DeviceKind ofType(String typeId) {
        for (DeviceKind k : values()) {
            if (k.typeId.equals(typeId)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown device type '" + typeId + "' (water-heater, vending-machine)");
    }
}
