package io.iotsphere.contracts;

import java.util.List;

/** CloudEvents {@code type} values: {@code io.iotsphere.<noun>.<verb>.v1}. Each has a schema under /schemas. */
public final class EventTypes {

    public static final String DEVICE_REGISTERED = "io.iotsphere.device.registered.v1";
    public static final String DEVICE_UPDATED = "io.iotsphere.device.updated.v1";
    public static final String DEVICE_DECOMMISSIONED = "io.iotsphere.device.decommissioned.v1";
    public static final String DEVICE_PRESENCE_CHANGED = "io.iotsphere.device.presence-changed.v1";
    public static final String DEVICE_TYPE_UPDATED = "io.iotsphere.device-type.updated.v1";
    public static final String TELEMETRY_RECORDED = "io.iotsphere.telemetry.reading.recorded.v1";
    public static final String SHADOW_UPDATED = "io.iotsphere.shadow.updated.v1";
    public static final String COMMAND_DISPATCHED = "io.iotsphere.command.dispatched.v1";
    public static final String COMMAND_ACKNOWLEDGED = "io.iotsphere.command.acknowledged.v1";
    public static final String COMMAND_COMPLETED = "io.iotsphere.command.completed.v1";
    public static final String COMMAND_FAILED = "io.iotsphere.command.failed.v1";
    public static final String COMMAND_STATUS_CHANGED = "io.iotsphere.command.status-changed.v1";
    public static final String PREDICTION_MADE = "io.iotsphere.prediction.made.v1";
    public static final String ANOMALY_DETECTED = "io.iotsphere.anomaly.detected.v1";
    public static final String MAINTENANCE_RECOMMENDED = "io.iotsphere.maintenance.recommended.v1";
    public static final String MODEL_ALERT_RAISED = "io.iotsphere.model.alert.raised.v1";
    public static final String MODEL_ALERT_RESOLVED = "io.iotsphere.model.alert.resolved.v1";
    public static final String INVENTORY_RESTOCK_NEEDED = "io.iotsphere.inventory.restock-needed.v1";

    public static final List<String> ALL = List.of(
            DEVICE_REGISTERED,
            DEVICE_UPDATED,
            DEVICE_DECOMMISSIONED,
            DEVICE_PRESENCE_CHANGED,
            DEVICE_TYPE_UPDATED,
            TELEMETRY_RECORDED,
            SHADOW_UPDATED,
            COMMAND_DISPATCHED,
            COMMAND_ACKNOWLEDGED,
            COMMAND_COMPLETED,
            COMMAND_FAILED,
            COMMAND_STATUS_CHANGED,
            PREDICTION_MADE,
            ANOMALY_DETECTED,
            MAINTENANCE_RECOMMENDED,
            MODEL_ALERT_RAISED,
            MODEL_ALERT_RESOLVED,
            INVENTORY_RESTOCK_NEEDED);

    private EventTypes() {}

    /** Classpath location of the JSON Schema of an event type's {@code data}. */
    public static String schemaResource(String type) {
        return "schemas/" + type + ".json";
    }
}
