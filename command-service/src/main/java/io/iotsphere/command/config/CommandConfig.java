package io.iotsphere.command.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The command lifecycle's settings ({@code iotsphere.command.*}). */
@ConfigMapping(prefix = "iotsphere.command")
public interface CommandConfig {

    /** Time a device has to answer an attempt when the request names no {@code timeoutSeconds}. */
    @WithDefault("30")
    int defaultTimeoutSeconds();

    /** Longest {@code timeoutSeconds} a request may ask for. */
    @WithDefault("3600")
    int maxTimeoutSeconds();

    /** Retries after a timeout when the request names no {@code maxRetries}. */
    @WithDefault("2")
    int defaultMaxRetries();

    /** Most retries a request may ask for. */
    @WithDefault("10")
    int maxRetriesLimit();

    /** How far ahead {@code expiresAt} may lie. */
    @WithDefault("30d")
    Duration maxExpiry();

    /** How often attempts in flight are checked for their timeout, and undelivered commands for their expiry. */
    @WithDefault("1s")
    Duration sweepInterval();

    /** Commands one sweep handles at most (the next sweep takes the rest). */
    @WithDefault("500")
    int sweepBatch();

    /** Size limit of a command's parameters and of a result, as JSON text. */
    @WithDefault("16384")
    int maxJsonBytes();
}
