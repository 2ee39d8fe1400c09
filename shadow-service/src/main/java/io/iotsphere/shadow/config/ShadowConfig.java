package io.iotsphere.shadow.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits and tuning of the shadow service ({@code iotsphere.shadow.*}). */
@ConfigMapping(prefix = "iotsphere.shadow")
public interface ShadowConfig {

    /** Largest serialised size (UTF-8 bytes) of the {@code desired} and of the {@code reported} section. */
    @WithDefault("8192")
    int maxSectionBytes();

    /** Deepest nesting of an update's {@code desired} or {@code reported} (a flat object is depth 1). */
    @WithDefault("6")
    int maxDepth();

    /** Largest request body of an update (UTF-8 bytes); larger ones get 413 before they are parsed. */
    @WithDefault("32768")
    int maxRequestBytes();

    /**
     * How often an update without a {@code version} is retried when another update of the same shadow won the race
     * between its read and its write, before the caller gets 503.
     */
    @WithDefault("64")
    int maxUpdateAttempts();

    Outbox outbox();

    Cache cache();

    WriteBatch writeBatch();

    /**
     * Group commit of writes: while {@code maxInFlight} Redis script runs are under way, further writes queue and go
     * together in the next run, at most {@code maxWrites} of them. A write never waits for others to arrive.
     */
    interface WriteBatch {

        /** Writes of one script run at most (1 turns batching off). */
        @WithDefault("64")
        int maxWrites();

        /** Script runs under way at once; each holds a Redis connection. */
        @WithDefault("4")
        int maxInFlight();

        /**
         * How long a script run may go unanswered before its writes fail with 503 (and its place goes to the next),
         * so a connection that died without closing cannot stop every write.
         */
        @WithDefault("5s")
        Duration timeout();
    }

    interface Cache {

        /**
         * Serialised size (bytes of JSON) of the documents remembered after their last write, so the next update of
         * the same shadow needs no read (about 4 to 6 times as much heap); 0 turns the cache off.
         */
        @WithDefault("16777216")
        long maxBytes();
    }

    interface Outbox {

        /** Entries relayed per round. */
        @WithDefault("500")
        int batchSize();

        /** Pause before the relay looks again at an outbox it found empty. */
        @WithDefault("50ms")
        Duration pollInterval();

        /** Lease of the relay: one instance relays at a time, another takes over when it stops renewing. */
        @WithDefault("10s")
        Duration lease();

        /** Longest pause between attempts while Redis, Kafka or the MQTT broker is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();
    }
}
