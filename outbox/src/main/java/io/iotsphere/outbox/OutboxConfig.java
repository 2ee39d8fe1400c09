package io.iotsphere.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "iotsphere.outbox")
public interface OutboxConfig {

    /** How often the relay looks for events when nobody woke it up. */
    @WithDefault("250ms")
    Duration pollInterval();

    /** Events published per round (one transaction). */
    @WithDefault("500")
    int batchSize();
}
