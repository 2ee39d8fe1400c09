package io.iotsphere.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WaterHeaterTest {

    static final Instant START = Instant.parse("2026-01-15T00:00:00Z");
    static final Climate STEADY = new Climate(10, 0, 20, 0, 0);

    static WaterHeater heater(UsageProfile profile, FaultPlan faults, double initial) {
        Model model = Catalog.model(Catalog.AQUATHERM, DeviceKind.WATER_HEATER, UsageProfile.HOUSEHOLD);
        return new WaterHeater("wh", model, profile, STEADY, faults, new SplittableRandom(1), START, initial);
    }

    @Test
    void everyJouleOfADayOfUseIsAccountedFor() {
        WaterHeater h = heater(UsageProfile.HOUSEHOLD, FaultPlan.none(), 50);
        h.advanceTo(START.plus(Duration.ofDays(1)));
        WaterHeater.EnergyBalance b = h.energyBalance();
        assertThat(b.drawn()).as("hot water was drawn").isGreaterThan(5e6);
        assertThat(b.standbyLoss()).as("the tank lost heat to the air").isGreaterThan(1e6);
        // Heat into the water = what left with the hot water + standby loss + the change of what the tank holds.
        assertThat(b.residual()).isCloseTo(0, within(1.0));
        // Without sediment, all the electrical energy reaches the water; the meter shows it in kWh.
        assertThat(b.intoWater()).isCloseTo(b.electrical(), within(1.0));
        assertThat(h.energyUsedKwh()).isCloseTo(b.electrical() / 3.6e6, within(1e-9));
    }

    @Test
    void standbyLossFollowsUaTimesTheTemperatureDifference() {
        WaterHeater h = heater(UsageProfile.NONE, FaultPlan.none(), 55);
        h.setMode("off");
        h.advanceTo(START.plus(Duration.ofHours(1)));
        // 150 kg, UA 1.6 W/K, 35 K over the air: about 0.32 K lost in an hour, and the element stayed off.
        double expectedDrop = 1.6 * 35 * 3600 / (150 * WaterHeater.WATER_HEAT_CAPACITY);
        assertThat(55 - h.temperature()).isCloseTo(expectedDrop, within(0.01));
        assertThat(h.energyUsedKwh()).isZero();
    }

    @Test
    void recoversToSetpointAfterADrawWithinTheTimeItsPowerAllows() {
        WaterHeater h = heater(UsageProfile.NONE, FaultPlan.none(), 55);
        // A 60 L shower at 10 L/min takes out 60 kg of water replaced at 10 °C.
        h.draw(10, Duration.ofMinutes(6));
        Instant afterDraw = START.plus(Duration.ofMinutes(6));
        h.advanceTo(afterDraw);
        double low = h.temperature();
        assertThat(low).isLessThan(55 - 5);
        // Q = m·c·ΔT up to the setpoint, at 3 kW (plus the small standby loss meanwhile).
        double seconds = 150 * WaterHeater.WATER_HEAT_CAPACITY * (55 - low) / 3000;
        Instant t = afterDraw;
        while (h.heating() && t.isBefore(afterDraw.plus(Duration.ofHours(3)))) {
            t = t.plusSeconds(10);
            h.advanceTo(t);
        }
        double took = Duration.between(afterDraw, t).toSeconds();
        assertThat(took).isBetween(seconds * 0.95, seconds * 1.1);
        assertThat(h.temperature()).isCloseTo(55, within(0.2));
    }

    @Test
    void setTemperatureChangesThePhysics() {
        WaterHeater h = heater(UsageProfile.NONE, FaultPlan.none(), 55);
        h.advanceTo(START.plus(Duration.ofMinutes(10)));
        assertThat(h.heating()).isFalse();
        CommandOutcome outcome = h.execute("set_temperature", Map.of("temperature", 70));
        assertThat(outcome.completed()).isTrue();
        h.advanceTo(START.plus(Duration.ofMinutes(11)));
        assertThat(h.heating()).isTrue();
        assertThat(h.elementPower()).isEqualTo(3000.0);
        h.advanceTo(START.plus(Duration.ofHours(3)));
        assertThat(h.temperature()).isCloseTo(70, within(1.0));
        assertThat(h.reading()).containsEntry("setpoint", 70.0);
        assertThat(h.execute("set_temperature", Map.of("temperature", 95)).error())
                .contains("between 30 and 80");
    }

    @Test
    void aBurntOutElementStopsHeatingAndSedimentLowersEfficiency() {
        FaultPlan plan = FaultPlan.draw(
                3, 0, DeviceKind.WATER_HEATER, Map.of(Fault.ELEMENT_BURNOUT, 1e6, Fault.SEDIMENT, 1e6), START);
        WaterHeater h = heater(UsageProfile.NONE, plan, 40);
        Instant later = START.plus(Duration.ofDays(300));
        h.advanceTo(later);
        assertThat(h.elementPower()).isZero();
        assertThat(h.temperature()).as("cooled towards the air").isLessThan(25);
        WaterHeater.EnergyBalance b = h.energyBalance();
        assertThat(b.intoWater()).isLessThan(b.electrical());
        List<String> faults = new ArrayList<>();
        h.labels().forEach(l -> faults.add(l.fault()));
        assertThat(faults).contains("element_burnout", "sediment");
    }

    @Test
    void hydroMaxReportsUsUnitsUnderItsOwnNames() {
        Model model = Catalog.model(Catalog.HYDROMAX, DeviceKind.WATER_HEATER, UsageProfile.HOUSEHOLD);
        WaterHeater h = new WaterHeater(
                "wh", model, UsageProfile.NONE, STEADY, FaultPlan.none(), new SplittableRandom(1), START, 40);
        h.advanceTo(START.plusSeconds(10));
        Map<String, Object> canonical = h.reading();
        Map<String, Object> shaped = model.shape().render(canonical);
        assertThat(shaped)
                .containsOnlyKeys(
                        "tankTempF",
                        "setpointF",
                        "inletTempF",
                        "outletTempF",
                        "ambientTempF",
                        "elementKw",
                        "flowGpm",
                        "pressurePsi",
                        "burnerOn",
                        "energyWh");
        assertThat((double) shaped.get("tankTempF"))
                .isCloseTo((double) canonical.get("tank_temperature") * 1.8 + 32, within(0.02));
        assertThat((double) shaped.get("elementKw")).isEqualTo(4.5);
        assertThat((double) shaped.get("pressurePsi")).isCloseTo(350 / 6.894757, within(0.01));
    }
}
