package io.iotsphere.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultLabelsTest {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void anodeDepletionLeadsToCorrosionThenALeakAndTheLabelsSayWhen() {
        FaultPlan plan = FaultPlan.draw(11, 0, DeviceKind.WATER_HEATER, Map.of(Fault.ANODE_DEPLETION, 50.0), START);
        FaultPlan.Episode anode = plan.episodes().get(Fault.ANODE_DEPLETION);
        FaultPlan.Episode corrosion = plan.episodes().get(Fault.TANK_CORROSION);
        FaultPlan.Episode leak = plan.episodes().get(Fault.LEAK);
        assertThat(corrosion.onset()).isEqualTo(anode.failure());
        assertThat(leak.onset()).isEqualTo(corrosion.failure()).isEqualTo(leak.failure());
        assertThat(Duration.between(anode.onset(), anode.failure()).toDays()).isBetween(60L, 180L);

        // Before the onset, no label; between onset and failure, a label without failure; after, both times.
        assertThat(plan.labels("wh", anode.onset().minusSeconds(1))).isEmpty();
        List<FaultLabel> midway = plan.labels("wh", anode.onset().plus(Duration.ofDays(10)));
        assertThat(midway).containsExactly(new FaultLabel("wh", "anode_depletion", anode.onset(), null));
        List<FaultLabel> after = plan.labels("wh", leak.failure());
        assertThat(after).extracting(FaultLabel::fault).containsExactly("anode_depletion", "tank_corrosion", "leak");
        assertThat(after).allSatisfy(l -> assertThat(l.failure()).isNotNull());
    }

    @Test
    void aLeakShowsInThePressureAndTheFlow() {
        FaultPlan plan = FaultPlan.draw(11, 0, DeviceKind.WATER_HEATER, Map.of(Fault.ANODE_DEPLETION, 50.0), START);
        Instant leak = plan.episodes().get(Fault.LEAK).onset();
        WaterHeater h = WaterHeaterTest.heater(UsageProfile.NONE, plan, 55);
        h.advanceTo(leak.minusSeconds(60));
        assertThat(h.pressure()).isEqualTo(350.0);
        h.advanceTo(leak.plusSeconds(600));
        assertThat(h.pressure()).isLessThan(200);
        assertThat((double) h.reading().get("flow_rate")).isGreaterThan(0);
        assertThat(h.labels()).extracting(FaultLabel::fault).contains("leak");
    }

    @Test
    void aStuckReliefValveBuildsPressureAndADriftingThermostatOverheats() {
        FaultPlan plan = FaultPlan.draw(
                5, 1, DeviceKind.WATER_HEATER, Map.of(Fault.RELIEF_VALVE, 1e6, Fault.THERMOSTAT_DRIFT, 1e6), START);
        WaterHeater h = WaterHeaterTest.heater(UsageProfile.NONE, plan, 55);
        h.advanceTo(START.plus(Duration.ofDays(200)));
        assertThat(h.pressure()).isGreaterThan(900);
        assertThat(h.temperature())
                .as("reads 8 °C low: cycles between 58 and 63 °C instead of 50 and 55")
                .isGreaterThan(57);
    }

    @Test
    void aFailingCompressorLetsTheCabinetWarm() {
        FaultPlan plan = FaultPlan.draw(9, 2, DeviceKind.VENDING_MACHINE, Map.of(Fault.COMPRESSOR, 1e6), START);
        SimDevice healthy = DeviceFactory.create(
                9, 2, "vm", DeviceKind.VENDING_MACHINE, Catalog.FROSTVEND, UsageProfile.HOUSEHOLD, Map.of(), START);
        SimDevice failing = DeviceFactory.create(
                9,
                2,
                "vm",
                DeviceKind.VENDING_MACHINE,
                Catalog.FROSTVEND,
                UsageProfile.HOUSEHOLD,
                Map.of(Fault.COMPRESSOR, 1e6),
                START);
        Instant later = plan.episodes().get(Fault.COMPRESSOR).failure().plus(Duration.ofDays(1));
        healthy.advanceTo(later);
        failing.advanceTo(later);
        assertThat((double) healthy.reading().get("cabinet_temperature")).isBetween(2.0, 7.0);
        assertThat((double) failing.reading().get("cabinet_temperature")).isGreaterThan(15);
        assertThat(failing.labels()).extracting(FaultLabel::fault).containsExactly("compressor");
        assertThat(healthy.labels()).isEmpty();
    }
}
