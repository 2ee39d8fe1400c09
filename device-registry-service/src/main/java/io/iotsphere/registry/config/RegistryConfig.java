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

        /** How long after start-up the first sweep waits (until the Kafka channels are connected). */
        @WithDefault("10s")
        Duration sweepDelay();
    }

    interface Credentials {
        /**
         * bcrypt cost of stored device secrets (2^cost rounds). Secrets are 256 random bits, not guessable passwords:
         * no work factor is needed against guessing, the hash keeps a leaked table from yielding usable secrets. Each
         * step doubles the CPU of every registration and token exchange (cost 8 is about 20 ms on one core, 10 about
         * 80 ms); raise it if secrets ever become human-chosen.
         */
        @WithDefault("8")
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
