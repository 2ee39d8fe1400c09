package io.iotsphere.registry.messaging;

import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceStatus;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.iotsphere.contracts.device.DeviceUpdated;
import io.iotsphere.contracts.device.PresenceChanged;
import io.iotsphere.registry.Device;
import io.iotsphere.registry.DeviceType;
import io.iotsphere.registry.LifecycleStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The registry's events on {@code device-lifecycle}, built from its entities (the one place domain → contract). */
public final class LifecycleEvents {

    private LifecycleEvents() {}

    public static CloudEvent<DeviceRegistered> registered(Device d) {
        return CloudEvent.of(
                Sources.DEVICE_REGISTRY,
                EventTypes.DEVICE_REGISTERED,
                d.id,
                d.tenant,
                new DeviceRegistered(
                        d.id,
                        d.type,
                        d.name,
                        d.manufacturer,
                        d.model,
                        d.serialNumber,
                        d.simulated,
                        List.of(d.tags),
                        Map.copyOf(d.attributes),
                        d.createdAt));
    }

    public static CloudEvent<DeviceUpdated> updated(Device d) {
        return CloudEvent.of(
                Sources.DEVICE_REGISTRY,
                EventTypes.DEVICE_UPDATED,
                d.id,
                d.tenant,
                new DeviceUpdated(
                        d.id,
                        d.type,
                        d.name,
                        d.manufacturer,
                        d.model,
                        d.serialNumber,
                        status(d),
                        List.of(d.tags),
                        Map.copyOf(d.attributes),
                        d.updatedAt));
    }

    public static CloudEvent<DeviceDecommissioned> decommissioned(Device d) {
        return CloudEvent.of(
                Sources.DEVICE_REGISTRY,
                EventTypes.DEVICE_DECOMMISSIONED,
                d.id,
                d.tenant,
                new DeviceDecommissioned(d.id, d.type, d.decommissionReason, d.decommissionedAt));
    }

    public static CloudEvent<PresenceChanged> presence(
            String tenant, String deviceId, boolean online, Instant lastSeen, Instant changedAt) {
        return CloudEvent.of(
                Sources.DEVICE_REGISTRY,
                EventTypes.DEVICE_PRESENCE_CHANGED,
                deviceId,
                tenant,
                new PresenceChanged(deviceId, online, lastSeen, changedAt));
    }

    public static CloudEvent<DeviceTypeUpdated> typeUpdated(DeviceType t) {
        return CloudEvent.of(
                Sources.DEVICE_REGISTRY,
                EventTypes.DEVICE_TYPE_UPDATED,
                t.id,
                DeviceTypeUpdated.ALL_TENANTS,
                new DeviceTypeUpdated(t.id, t.displayName, t.description, t.capabilities, t.version, t.updatedAt));
    }

    /**
     * The status the contract reports: lifecycle first, then presence for devices in service (online; offline once
     * heard from and silent since; active when authenticated but never heard from).
     */
    public static DeviceStatus status(Device d) {
        if (d.status == LifecycleStatus.DECOMMISSIONED) {
            return DeviceStatus.DECOMMISSIONED;
        }
        if (d.online) {
            return DeviceStatus.ONLINE;
        }
        if (d.lastSeen != null) {
            return DeviceStatus.OFFLINE;
        }
        return d.status == LifecycleStatus.REGISTERED ? DeviceStatus.REGISTERED : DeviceStatus.ACTIVE;
    }
}
