package io.iotsphere.contracts;

/** CloudEvents {@code source} values, one per producing service. */
public final class Sources {

    public static final String DEVICE_REGISTRY = "/iotsphere/device-registry-service";
    public static final String ASSET = "/iotsphere/asset-service";
    public static final String TELEMETRY = "/iotsphere/telemetry-service";
    public static final String SHADOW = "/iotsphere/shadow-service";
    public static final String COMMAND = "/iotsphere/command-service";
    public static final String PREDICTION = "/iotsphere/prediction-service";
    public static final String MODEL_MONITORING = "/iotsphere/model-monitoring-service";
    public static final String GATEWAY = "/iotsphere/gateway";
    public static final String SIMULATOR = "/iotsphere/simulator-service";

    private Sources() {}
}
