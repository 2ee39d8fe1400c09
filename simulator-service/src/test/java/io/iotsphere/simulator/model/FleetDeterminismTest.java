package io.iotsphere.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetDeterminismTest {

    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Map<Fault, Double> RATES =
            Map.of(Fault.SEDIMENT, 0.5, Fault.ANODE_DEPLETION, 0.5, Fault.COMPRESSOR, 1.0);

    static List<Object> run(long seed) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            DeviceKind kind = i < 4 ? DeviceKind.WATER_HEATER : DeviceKind.VENDING_MACHINE;
            String manufacturer = kind == DeviceKind.WATER_HEATER
                    ? (i % 2 == 0 ? Catalog.AQUATHERM : Catalog.HYDROMAX)
                    : Catalog.FROSTVEND;
            SimDevice d =
                    DeviceFactory.create(seed, i, "d" + i, kind, manufacturer, UsageProfile.HOUSEHOLD, RATES, START);
            for (int step = 1; step <= 48; step++) {
                d.advanceTo(START.plus(Duration.ofMinutes(30L * step)));
                out.add(d.reading());
            }
            d.advanceTo(START.plus(Duration.ofDays(180)));
            out.add(d.labels());
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameReadingsAndLabels() {
        assertThat(run(42)).isEqualTo(run(42));
        assertThat(run(42)).isNotEqualTo(run(43));
    }

    @Test
    void devicesDoNotDependOnEachOthersStepping() {
        SimDevice a = DeviceFactory.create(
                7, 3, "x", DeviceKind.WATER_HEATER, Catalog.AQUATHERM, UsageProfile.COMMERCIAL, RATES, START);
        SimDevice b = DeviceFactory.create(
                7, 3, "x", DeviceKind.WATER_HEATER, Catalog.AQUATHERM, UsageProfile.COMMERCIAL, RATES, START);
        // Stepped in different report intervals, both arrive at the same state (steps are cut at 10 s either way).
        for (int s = 1; s <= 360; s++) {
            a.advanceTo(START.plusSeconds(10L * s));
        }
        b.advanceTo(START.plusSeconds(3600));
        assertThat(a.reading()).isEqualTo(b.reading());
    }
}
