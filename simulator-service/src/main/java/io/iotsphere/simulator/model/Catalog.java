package io.iotsphere.simulator.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The manufacturers the simulator knows, their model lines and telemetry shapes. Water heaters: AquaTherm reports
 * canonical names and units; HydroMax reports US units under names of its own. Vending machines: FrostVend reports
 * °F and its own names; VendCo canonical ones. (The telemetry service's transformers map the non-canonical ones.)
 */
public final class Catalog {

    public static final String AQUATHERM = "AquaTherm";
    public static final String HYDROMAX = "HydroMax";
    public static final String FROSTVEND = "FrostVend";
    public static final String VENDCO = "VendCo";

    /** Per manufacturer: the household model, then the commercial one (water heaters); one model for vending. */
    private static final Map<String, List<Model>> MODELS = Map.of(
            AQUATHERM,
            List.of(
                    Model.waterHeater(AQUATHERM, "AT-150", TelemetryShape.CANONICAL, 150, 3000, 1.6, 5, 55),
                    Model.waterHeater(AQUATHERM, "AT-300C", TelemetryShape.CANONICAL, 300, 9000, 2.6, 4, 60)),
            HYDROMAX,
            List.of(
                    // A 50 US gallon tank with a 4.5 kW element, and an 80 gallon commercial one.
                    Model.waterHeater(HYDROMAX, "HM-50", TelemetryShape.HYDROMAX, 189, 4500, 2.0, 3, 48.9),
                    Model.waterHeater(HYDROMAX, "HM-80X", TelemetryShape.HYDROMAX, 303, 11000, 2.8, 3, 60)),
            FROSTVEND,
            List.of(Model.vendingMachine(FROSTVEND, "FV-40", TelemetryShape.FROSTVEND, 8, 10, 8)),
            VENDCO,
            List.of(Model.vendingMachine(VENDCO, "VC-Snack30", TelemetryShape.CANONICAL, 6, 12, 6)));

    private Catalog() {}

    public static Model model(String manufacturer, DeviceKind kind, UsageProfile profile) {
        List<Model> models = MODELS.get(manufacturer);
        if (models == null || models.get(0).kind() != kind) {
            throw new IllegalArgumentException(
                    "unknown " + kind.typeId() + " manufacturer '" + manufacturer + "' (" + manufacturers(kind) + ")");
        }
        return profile == UsageProfile.COMMERCIAL && models.size() > 1 ? models.get(1) : models.get(0);
    }

    public static Set<String> manufacturers(DeviceKind kind) {
        Set<String> names = new TreeSet<>();
        MODELS.forEach((name, models) -> {
            if (models.get(0).kind() == kind) {
                names.add(name);
            }
        });
        return names;
    }
}
