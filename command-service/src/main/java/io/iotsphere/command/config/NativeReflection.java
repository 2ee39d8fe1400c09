package io.iotsphere.command.config;

import io.iotsphere.command.rest.CommandView;
import io.iotsphere.commons.rest.Page;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.command.CommandDispatched;
import io.iotsphere.contracts.command.CommandResult;
import io.iotsphere.contracts.command.CommandStatusChanged;
import io.iotsphere.contracts.device.Capabilities;
import io.iotsphere.contracts.device.CommandParam;
import io.iotsphere.contracts.device.CommandSpec;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.iotsphere.contracts.device.DeviceUpdated;
import io.iotsphere.contracts.device.PresenceChanged;
import io.iotsphere.contracts.device.TelemetryField;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types serialised with Jackson outside the REST layer's view (events in and out, the capabilities JSON column, the
 * generic page), registered for reflection so that the native executable can (de)serialise them.
 */
@RegisterForReflection(
        targets = {
            CloudEvent.class,
            CommandDispatched.class,
            CommandResult.class,
            CommandStatusChanged.class,
            DeviceTypeUpdated.class,
            Capabilities.class,
            CommandSpec.class,
            CommandParam.class,
            TelemetryField.class,
            DeviceRegistered.class,
            DeviceUpdated.class,
            DeviceDecommissioned.class,
            PresenceChanged.class,
            Page.class,
            CommandView.class,
            CommandView.TransitionView.class
        })
public final class NativeReflection {

    private NativeReflection() {}
}
