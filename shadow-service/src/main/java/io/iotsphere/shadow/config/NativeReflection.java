package io.iotsphere.shadow.config;

import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.PresenceChanged;
import io.iotsphere.contracts.shadow.ShadowUpdated;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Types (de)serialised with Jackson outside REST endpoints, kept for native executables. */
@RegisterForReflection(
        targets = {
            CloudEvent.class,
            ShadowUpdated.class,
            DeviceRegistered.class,
            DeviceDecommissioned.class,
            PresenceChanged.class,
            TelemetryRecorded.class,
            Reading.class
        })
public final class NativeReflection {

    private NativeReflection() {}
}
