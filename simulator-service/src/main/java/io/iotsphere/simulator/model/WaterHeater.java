package io.iotsphere.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An electric storage water heater as one well-mixed tank, integrated with explicit steps of at most {@link #MAX_STEP}
 * seconds:
 *
 * <pre>
 *   m·c·dT/dt = η·P_element − UA·(T − T_ambient) − ṁ_draw·c·(T − T_inlet) − ṁ_leak·c·(T − T_inlet)
 * </pre>
 *
 * where the element runs when the thermostat (which may drift) reads below {@code setpoint − deadband} and stops at
 * the setpoint, η falls with sediment, P falls as the element wears and is 0 once it burned out. Hot water is drawn as
 * a time-of-day Poisson process of draws ({@link UsageProfile}); cold water replaces it. Pressure is the mains pressure,
 * less a drop while water flows, plus thermal expansion when the relief valve sticks, less what a leak lets out. Every
 * joule is accounted for ({@link #energyBalance()}).
 */
public final class WaterHeater extends SteppedDevice {

    public static final double WATER_HEAT_CAPACITY = 4186.0; // J/(kg·K)
    public static final double MAX_STEP = 10.0; // s
    static final double HIGH_LIMIT = 90.0; // °C: the safety cut-out stops the element above this
    static final double VACATION_SETPOINT = 30.0;

    /** Energy flows since the start, in joules. */
    public record EnergyBalance(
            double electrical, double intoWater, double standbyLoss, double drawn, double storedChange) {

        /** What the flows leave unexplained: 0 up to rounding. */
        public double residual() {
            return intoWater - standbyLoss - drawn - storedChange;
        }
    }

    private final UsageProfile profile;
    private final Climate climate;
    private final SplittableRandom draws;
    private final double massKg;
    private final double initialTemperature;

    private double temperature;
    private double setpoint;
    private String mode = "heat";
    private boolean heating;
    private double elementPower;
    private double flowLpm;
    private double leakLpm;
    private double pressure;
    private long drawEnds; // epoch ms
    private double drawFlowLpm;

    private double electricalJ;
    private double intoWaterJ;
    private double standbyLossJ;
    private double drawnJ;

    public WaterHeater(
            String id,
            Model model,
            UsageProfile profile,
            Climate climate,
            FaultPlan faults,
            SplittableRandom draws,
            Instant start,
            double initialTemperature) {
        super(id, model, faults, MAX_STEP, start);
        this.profile = profile;
        this.climate = climate;
        this.draws = draws;
        this.massKg = model.tankLitres(); // 1 kg per litre
        this.temperature = initialTemperature;
        this.initialTemperature = initialTemperature;
        this.setpoint = model.defaultSetpoint();
        this.drawEnds = start.toEpochMilli();
        this.pressure = model.mainsPressureKpa();
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.WATER_HEATER;
    }

    public double temperature() {
        return temperature;
    }

    public double setpoint() {
        return setpoint;
    }

    public boolean heating() {
        return heating;
    }

    public double elementPower() {
        return elementPower;
    }

    public double pressure() {
        return pressure;
    }

    public double flowLpm() {
        return flowLpm;
    }

    public String mode() {
        return mode;
    }

    /** Electrical energy used since the start, in kWh (the meter). */
    public double energyUsedKwh() {
        return electricalJ / 3.6e6;
    }

    public EnergyBalance energyBalance() {
        return new EnergyBalance(
                electricalJ,
                intoWaterJ,
                standbyLossJ,
                drawnJ,
                massKg * WATER_HEAT_CAPACITY * (temperature - initialTemperature));
    }

    /** Starts a draw now (in addition to the usage profile's), e.g. a test's shower. */
    public void draw(double flowLpm, Duration duration) {
        drawFlowLpm = flowLpm;
        drawEnds = now.plus(duration).toEpochMilli();
    }

    @Override
    protected void step(long now, double dt) {
        double inlet = climate.inletTemperature(now);
        double ambient = climate.ambientTemperature(now);

        // Draws: a Poisson process of starts whose rate follows the hour; one draw at a time.
        if (now >= drawEnds) {
            drawFlowLpm = 0;
            double rate = profile.drawsPerHour(Climate.hourOfDay(now)) / 3600.0;
            if (rate > 0 && draws.nextDouble() < rate * dt) {
                drawFlowLpm = Math.max(1.5, Rng.gaussian(draws, profile.meanFlowLpm(), profile.meanFlowLpm() * 0.25));
                double minutes = Math.max(0.2, Rng.exponential(draws, profile.meanMinutes()));
                drawEnds = now + (long) (minutes * 60_000);
            }
        }
        double leakSeverity = faults.failed(Fault.LEAK, now) ? 1 : 0;
        leakLpm = leakSeverity * 0.3;
        flowLpm = drawFlowLpm;

        // Thermostat with deadband; the drift makes it read low, so the water ends up hotter than the setpoint.
        double drift = 8.0 * faults.severity(Fault.THERMOSTAT_DRIFT, now);
        double sensed = temperature - drift;
        double target = switch (mode) {
            case "vacation" -> VACATION_SETPOINT;
            case "off" -> Double.NEGATIVE_INFINITY;
            default -> setpoint;
        };
        if (sensed >= target || temperature >= HIGH_LIMIT) {
            heating = false;
        } else if (sensed < target - model.deadbandKelvin()) {
            heating = true;
        }
        boolean burntOut = faults.failed(Fault.ELEMENT_BURNOUT, now);
        double wear = 1.0 - 0.15 * faults.severity(Fault.ELEMENT_BURNOUT, now);
        elementPower = heating && !burntOut ? model.elementWatts() * wear : 0;
        double efficiency = 1.0 - 0.3 * faults.severity(Fault.SEDIMENT, now);

        double in = efficiency * elementPower * dt;
        double loss = model.uaWattsPerKelvin() * (temperature - ambient) * dt;
        double outKgPerS = (flowLpm + leakLpm) / 60.0;
        double drawn = outKgPerS * WATER_HEAT_CAPACITY * (temperature - inlet) * dt;
        electricalJ += elementPower * dt;
        intoWaterJ += in;
        standbyLossJ += loss;
        drawnJ += drawn;
        temperature += (in - loss - drawn) / (massKg * WATER_HEAT_CAPACITY);

        // Pressure: mains, less the drop of the flow; a stuck relief valve lets expansion build up; a leak lets it out.
        double stuck = faults.severity(Fault.RELIEF_VALVE, now);
        double expansion = stuck * 14.0 * Math.max(0, temperature - inlet);
        double mains = model.mainsPressureKpa() - 4.0 * flowLpm + expansion;
        pressure = Math.max(0, Math.min(1150, mains * (1 - 0.6 * leakSeverity)));
    }

    @Override
    public Map<String, Object> reading() {
        Map<String, Object> v = new LinkedHashMap<>();
        double ambient = climate.ambientTemperature(now);
        // The outlet pipe cools towards the air while nothing flows.
        double outlet = flowLpm > 0 ? temperature - 0.5 : ambient + 0.6 * (temperature - ambient);
        v.put("tank_temperature", SimDevice.round(clamp(temperature, 0, 110), 2));
        v.put("setpoint", SimDevice.round(setpoint, 1));
        v.put("inlet_temperature", SimDevice.round(clamp(climate.inletTemperature(now), 0, 40), 2));
        v.put("outlet_temperature", SimDevice.round(clamp(outlet, 0, 110), 2));
        v.put("ambient_temperature", SimDevice.round(clamp(ambient, -20, 50), 2));
        v.put("element_power", SimDevice.round(elementPower, 1));
        v.put("flow_rate", SimDevice.round(clamp(flowLpm + leakLpm, 0, 60), 2));
        v.put("pressure", SimDevice.round(pressure, 1));
        v.put("heating", heating);
        v.put("energy_used", SimDevice.round(energyUsedKwh(), 4));
        return v;
    }

    @Override
    public Map<String, Object> reportedState() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("setpoint", SimDevice.round(setpoint, 1));
        s.put("mode", mode);
        s.put("manufacturer", model.manufacturer());
        s.put("model", model.name());
        return s;
    }

    @Override
    public CommandOutcome execute(String name, Map<String, Object> params) {
        try {
            return switch (name) {
                case "set_temperature" -> {
                    setSetpoint(SimDevice.number(params.get("temperature"), "temperature"));
                    yield CommandOutcome.done(Map.of("setpoint", setpoint));
                }
                case "set_mode" -> {
                    setMode(String.valueOf(params.get("mode")));
                    yield CommandOutcome.done(Map.of("mode", mode));
                }
                case "reset" -> CommandOutcome.done(Map.of("restarted", true));
                default -> CommandOutcome.failed("unsupported command '" + name + "'");
            };
        } catch (IllegalArgumentException e) {
            return CommandOutcome.failed(e.getMessage());
        }
    }

    @Override
    public boolean applyDesired(Map<String, Object> desired) {
        boolean changed = false;
        try {
            // The catalog's name; "targetTemperature" as the legacy API called it.
            Object wanted =
                    desired.containsKey("setpoint") ? desired.get("setpoint") : desired.get("targetTemperature");
            if (wanted instanceof Number n && n.doubleValue() != setpoint) {
                setSetpoint(n.doubleValue());
                changed = true;
            }
            if (desired.get("mode") instanceof String m && !m.equals(mode)) {
                setMode(m);
                changed = true;
            }
        } catch (IllegalArgumentException e) {
            // A desired value the device cannot take stays in the delta: the device keeps what it had.
        }
        return changed;
    }

    public void setSetpoint(double value) {
        if (!(value >= 30 && value <= 80)) {
            throw new IllegalArgumentException("temperature must be between 30 and 80 °C");
        }
        setpoint = value;
    }

    public void setMode(String value) {
        if (!List.of("heat", "vacation", "off").contains(value)) {
            throw new IllegalArgumentException("mode must be heat, vacation or off");
        }
        mode = value;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
