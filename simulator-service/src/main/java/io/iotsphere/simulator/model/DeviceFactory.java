package io.iotsphere.simulator.model;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds a fleet's device number {@code index} from the seed alone: the same inputs, the same device. */
public final class DeviceFactory {

    private DeviceFactory() {}

    public static SimDevice create(
            long seed,
            int index,
            String id,
            DeviceKind kind,
            String manufacturer,
            UsageProfile profile,
            Map<Fault, Double> faultRates,
            Instant start) {
        return create(
                seed,
                index,
                id,
                kind,
                manufacturer,
                profile,
                FaultPlan.draw(seed, index, kind, faultRates, start),
                start);
    }

    /** With the device's fault plan already drawn ({@link FaultPlan#draw} with the same seed, index and start). */
    public static SimDevice create(
            long seed,
            int index,
            String id,
            DeviceKind kind,
            String manufacturer,
            UsageProfile profile,
            FaultPlan faults,
            Instant start) {
        SplittableRandom setup = Rng.stream(seed, index, "setup");
        Climate climate = Climate.temperate(Rng.gaussian(setup, 0, 1.5));
        Model model = Catalog.model(manufacturer, kind, profile);
        return switch (kind) {
            case WATER_HEATER ->
                new WaterHeater(
                        id,
                        model,
                        profile,
                        climate,
                        faults,
                        Rng.stream(seed, index, "draws"),
                        start,
                        model.defaultSetpoint() - setup.nextDouble() * model.deadbandKelvin());
            case VENDING_MACHINE ->
                new VendingMachine(id, model, climate, faults, setup, Rng.stream(seed, index, "sales"), start);
        };
    }
}
