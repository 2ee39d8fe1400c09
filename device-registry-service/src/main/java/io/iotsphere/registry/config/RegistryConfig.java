package io.iotsphere.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "iotsphere.registry")
public interface RegistryConfig {

    Presence presence();

    Credentials credentials();

    /** Most devices one bulk registration may carry. */
    @WithDefault("1000")
    int bulkMaxItems();

    interface Presence {
        /** A device that sent nothing for this long is offline. */
        @WithDefault("5m")
        Duration offlineAfter();

        /** How often silent devices are looked for. */
        @WithDefault("15s")
        Duration sweepInterval();
    }

    interface Credentials {
        /**
         * bcrypt cost of stored device secrets (2^cost rounds). Secrets are 256 random bits, so the cost protects a
         * leaked database, not guessable passwords; each step doubles hashing time (about 100 ms at 10 here).
         */
        @WithDefault("10")
        int bcryptCost();

        /** Lifetime of a device token. */
        @WithDefault("1h")
        Duration tokenTtl();

        /** Failed exchanges of one device id allowed within {@link #failureWindow()} before it is locked out. */
        @WithDefault("5")
        int maxFailures();

        @WithDefault("5m")
        Duration failureWindow();

        /** How long a device id stays locked out after too many failures. */
        @WithDefault("5m")
        Duration lockout();
    }
}
