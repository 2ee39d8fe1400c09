package io.iotsphere.asset.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "iotsphere.asset")
public interface AssetConfig {

    Relations relations();

    Inventory inventory();

    interface Relations {
        /** Most hops a walk over relations ({@code transitive=true}) follows. */
        @WithDefault("16")
        int maxDepth();
    }

    interface Inventory {
        /**
         * How long the ids of applied telemetry events are remembered, so that a redelivered event is not applied
         * twice. Must be longer than the retention of {@code telemetry-readings} (7 days locally).
         */
        @WithDefault("14d")
        Duration dedupeRetention();

        /** How often remembered event ids older than the retention are removed. */
        @WithDefault("1h")
        Duration cleanupInterval();

        /** Most slots one vending machine may have. */
        @WithDefault("200")
        int maxSlots();
    }
}
