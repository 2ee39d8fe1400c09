package io.iotsphere.simulator.model;

/**
 * A manufacturer's model line and its physical parameters. Water heaters: tank volume, element power, standby loss
 * coefficient UA, thermostat deadband, default setpoint, mains pressure. Vending machines: slots, slot capacity,
 * cooling capacity. {@link TelemetryShape} is how the manufacturer names and scales its telemetry.
 */
public record Model(
        String manufacturer,
        String name,
        DeviceKind kind,
        TelemetryShape shape,
        double tankLitres,
        double elementWatts,
        double uaWattsPerKelvin,
        double deadbandKelvin,
        double defaultSetpoint,
        double mainsPressureKpa,
        int slots,
        int slotCapacity,
        double coolingKelvinPerHour) {

    static Model waterHeater(
            String manufacturer,
            String name,
            TelemetryShape shape,
            double litres,
            double watts,
            double ua,
            double deadband,
            double setpoint) {
        return new Model(
                manufacturer,
                name,
                DeviceKind.WATER_HEATER,
                shape,
                litres,
                watts,
                ua,
                deadband,
                setpoint,
                350,
                0,
                0,
                0);
    }

    static Model vendingMachine(
            String manufacturer, String name, TelemetryShape shape, int slots, int capacity, double cooling) {
        return new Model(
                manufacturer, name, DeviceKind.VENDING_MACHINE, shape, 0, 0, 0, 0, 0, 0, slots, capacity, cooling);
    }
}
