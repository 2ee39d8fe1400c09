package io.iotsphere.telemetry.config;

import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.device.Capabilities;
import io.iotsphere.contracts.device.CommandParam;
import io.iotsphere.contracts.device.CommandSpec;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceStatus;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.iotsphere.contracts.device.DeviceUpdated;
import io.iotsphere.contracts.device.TelemetryField;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Types (de)serialised by Jackson outside REST signatures: the events consumed and produced. */
@RegisterForReflection(
        targets = {
            CloudEvent.class,
            TelemetryRecorded.class,
            Reading.class,
            DeviceRegistered.class,
            DeviceUpdated.class,
            DeviceDecommissioned.class,
            DeviceStatus.class,
            DeviceTypeUpdated.class,
            Capabilities.class,
            TelemetryField.class,
            CommandSpec.class,
            CommandParam.class
        })
public final class NativeRegistrations {

    private NativeRegistrations() {}
}
