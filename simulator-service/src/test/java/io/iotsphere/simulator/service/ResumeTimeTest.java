package io.iotsphere.simulator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iotsphere.simulator.Fleet;
import io.iotsphere.simulator.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a fleet's simulated clock resumes after a restart of the service, or a stop and a start. */
class ResumeTimeTest {

    private static final Instant SAVED = Instant.parse("2026-11-29T22:12:00Z");
    private static final Instant NOW = SAVED.plus(Duration.ofHours(3));

    private static Fleet fleet(double acceleration, Instant simulated, Instant saved) {
        Scenario scenario =
                new Scenario("t", 1L, "10s", acceleration, simulated, "mqtt", List.of(), Map.of(), null, null, true);
        return new Fleet("f", "acme", scenario, Fleet.Status.RUNNING, null, saved, saved, simulated, List.of());
    }

    @Test
    void aRealTimeFleetGoesOnAtTheRealTimeAfterARestart() {
        assertEquals(NOW, FleetService.resumeAt(fleet(1.0, SAVED, SAVED), NOW));
    }

    @Test
    void aRealTimeFleetInThePastKeepsItsDistanceFromTheRealClock() {
        Instant lastYear = SAVED.minus(Duration.ofDays(365));
        assertEquals(NOW.minus(Duration.ofDays(365)), FleetService.resumeAt(fleet(1.0, lastYear, SAVED), NOW));
    }

    @Test
    void aFleetStoppedAndStartedAgainResumesWhereItStood() {
        // The start saved the fleet (status RUNNING) as it resumed; its clock stood where the stop left it.
        assertEquals(SAVED, FleetService.resumeAt(fleet(1.0, SAVED, NOW), NOW));
        assertEquals(SAVED.plusMillis(5), FleetService.resumeAt(fleet(1.0, SAVED, NOW), NOW.plusMillis(5)));
    }

    @Test
    void anAcceleratedFleetResumesWhereItStood() {
        assertEquals(SAVED, FleetService.resumeAt(fleet(1440.0, SAVED, SAVED), NOW));
    }
}
