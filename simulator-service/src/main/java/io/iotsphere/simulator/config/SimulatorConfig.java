package io.iotsphere.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the simulator ({@code iotsphere.simulator.*}). */
@ConfigMapping(prefix = "iotsphere.simulator")
public interface SimulatorConfig {

    /**
     * Where fleets (scenario, state, devices' credentials) and label exports are kept; must survive a restart (a
     * persistent volume in Kubernetes). Never inside the source tree: it holds device secrets.
     */
    String dataDir();

    /** Resolution of the timer wheels: each device reports in the slot of its phase, slots are this long. */
    @WithDefault("100ms")
    Duration tick();

    /** Timer wheels per fleet (each on its own event loop); 0 = one per CPU core. */
    @WithDefault("0")
    int wheels();

    /** Devices registered per bulk request to the registry (its limit is 1000). */
    @WithDefault("500")
    int provisioningBatch();

    /** Token exchanges in flight at once (each costs the registry a bcrypt check). */
    @WithDefault("4")
    int tokenConcurrency();

    /** Renew a device token this long before it expires. */
    @WithDefault("5m")
    Duration tokenRenewBefore();

    /** Readings a device keeps while it cannot publish (offline, broker away); the oldest go first. */
    @WithDefault("60")
    int bufferedReadings();

    /** Readings per Kafka record in backfill mode (the telemetry service accepts up to 1000 per payload). */
    @WithDefault("500")
    int backfillBatch();

    /** Kafka records in flight at once in backfill mode. */
    @WithDefault("256")
    int backfillInFlight();

    Mqtt mqtt();

    interface Mqtt {
        /** Connections to the broker shared by all simulated devices. */
        @WithDefault("2")
        int connections();

        /** QoS of telemetry and state messages. */
        @WithDefault("1")
        int qos();

        /** Unacknowledged QoS 1 messages per connection. */
        @WithDefault("10000")
        int maxInflight();
    }
}
