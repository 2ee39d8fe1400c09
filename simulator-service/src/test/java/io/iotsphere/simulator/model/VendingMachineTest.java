package io.iotsphere.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VendingMachineTest {

    static final Instant START = Instant.parse("2026-04-06T00:00:00Z");

    static VendingMachine machine(String manufacturer, int index) {
        return (VendingMachine) DeviceFactory.create(
                21, index, "vm", DeviceKind.VENDING_MACHINE, manufacturer, UsageProfile.HOUSEHOLD, Map.of(), START);
    }

    @Test
    void salesFollowTheTimeOfDayAndTheirRates() {
        long night = 0;
        long lunch = 0;
        double expectedPerDay = 0;
        for (int i = 0; i < 20; i++) {
            VendingMachine m = machine(Catalog.VENDCO, i);
            for (String slot : m.slots()) {
                expectedPerDay += m.dailyRate(slot);
            }
            m.advanceTo(START.plus(Duration.ofHours(2)));
            long beforeNight = m.totalSold();
            m.advanceTo(START.plus(Duration.ofHours(4)));
            night += m.totalSold() - beforeNight;
            m.advanceTo(START.plus(Duration.ofHours(12)));
            long beforeLunch = m.totalSold();
            m.advanceTo(START.plus(Duration.ofHours(14)));
            lunch += m.totalSold() - beforeLunch;
        }
        assertThat(lunch).isGreaterThan(10 * Math.max(1, night));
        // 12:00-14:00 weighs (2.6 + 2.2) / 24 of a day's sales.
        assertThat((double) lunch).isCloseTo(expectedPerDay * 4.8 / 24, within(expectedPerDay * 4.8 / 24 * 0.3));
    }

    @Test
    void inventoryDepletesAndIsRestockedAndSalesAreReportedSinceTheLastReport() {
        VendingMachine m = machine(Catalog.FROSTVEND, 3);
        int before = m.stock("A1") + m.stock("A2") + m.stock("A3") + m.stock("A4");
        m.advanceTo(START.plus(Duration.ofHours(23)));
        Map<String, Object> first = m.reading();
        int after = m.stock("A1") + m.stock("A2") + m.stock("A3") + m.stock("A4");
        assertThat(after).isLessThan(before);
        int sold = (int) first.get("sales.A1")
                + (int) first.get("sales.A2")
                + (int) first.get("sales.A3")
                + (int) first.get("sales.A4");
        assertThat(sold).isEqualTo(before - after);
        m.advanceTo(START.plus(Duration.ofHours(23)).plusSeconds(1));
        assertThat(m.reading().get("sales.A1")).isEqualTo(0);
        // Restocked to capacity within five days, with the door open meanwhile.
        boolean sawDoorOpen = false;
        for (int minutes = 0; minutes < 5 * 24 * 60; minutes += 5) {
            m.advanceTo(START.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(minutes)));
            sawDoorOpen |= (boolean) m.reading().get("door_open");
        }
        assertThat(sawDoorOpen).isTrue();
        assertThat(TelemetryShape.FROSTVEND.render(m.reading())).containsKeys("cabinetTempF", "sold.A1", "stock.B4");
    }

    @Test
    void theCompressorHoldsTheCabinetBetweenItsLimits() {
        VendingMachine m = machine(Catalog.VENDCO, 1);
        double min = 100;
        double max = -100;
        boolean ran = false;
        for (int minutes = 0; minutes < 24 * 60; minutes += 2) {
            m.advanceTo(START.plus(Duration.ofMinutes(minutes)));
            if (!(boolean) m.reading().get("door_open")) {
                min = Math.min(min, m.cabinetTemperature());
                max = Math.max(max, m.cabinetTemperature());
            }
            ran |= m.compressorOn();
        }
        assertThat(ran).isTrue();
        assertThat(min).isGreaterThan(2.5);
        assertThat(max).isLessThan(6.5);
        assertThat(m.execute("set_price", Map.of("slot", "A1", "price", 2.5)).completed())
                .isTrue();
        assertThat(m.reportedState().get("prices")).asString().contains("A1=2.5");
        assertThat(m.execute("set_price", Map.of("slot", "Z9", "price", 2.5)).error())
                .contains("unknown slot");
    }
}
