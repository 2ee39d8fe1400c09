package io.iotsphere.contracts;

import java.util.List;

/** Kafka topic names. Record key is always the device (or entity) id so that events of one device stay ordered. */
public final class Topics {

    public static final String DEVICE_LIFECYCLE = "device-lifecycle";
    public static final String TELEMETRY_READINGS = "telemetry-readings";
    public static final String SHADOW_CHANGES = "shadow-changes";
    public static final String DEVICE_COMMANDS = "device-commands";
    public static final String COMMAND_RESULTS = "command-results";
    public static final String COMMAND_STATUS = "command-status";
    public static final String PREDICTIONS = "predictions";
    public static final String MODEL_ALERTS = "model-alerts";
    /**
     * Raw device payloads (as sent over HTTP or MQTT) from a protocol bridge or edge gateway: key = device id, header
     * {@code tenant}; consumed by telemetry.
     */
    public static final String TELEMETRY_RAW = "telemetry-raw";

    /** Every topic of the platform, in the order of the architecture's table. */
    public static final List<String> ALL = List.of(
            DEVICE_LIFECYCLE,
            TELEMETRY_READINGS,
            SHADOW_CHANGES,
            DEVICE_COMMANDS,
            COMMAND_RESULTS,
            COMMAND_STATUS,
            PREDICTIONS,
            MODEL_ALERTS,
            TELEMETRY_RAW);

    /** Suffix of the dead-letter topic that receives what a consumer rejected, with the reason in a header. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {}

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
