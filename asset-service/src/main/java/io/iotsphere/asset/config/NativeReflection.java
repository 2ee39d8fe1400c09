package io.iotsphere.asset.config;

import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceStatus;
import io.iotsphere.contracts.device.DeviceUpdated;
import io.iotsphere.contracts.inventory.RestockNeeded;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Types (de)serialised with Jackson outside REST endpoints, kept for native executables. */
@RegisterForReflection(
        targets = {
            CloudEvent.class,
            DeviceRegistered.class,
            DeviceUpdated.class,
            DeviceDecommissioned.class,
            DeviceStatus.class,
            TelemetryRecorded.class,
            Reading.class,
            RestockNeeded.class
        })
public final class NativeReflection {

    private NativeReflection() {}
}
