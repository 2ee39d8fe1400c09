package io.iotsphere.shadow.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The MQTT broker devices talk to ({@code iotsphere.mqtt.*}). */
@ConfigMapping(prefix = "iotsphere.mqtt")
public interface MqttConfig {

    @WithDefault("localhost")
    String host();

    @WithDefault("1883")
    int port();

    Optional<String> username();

    Optional<String> password();

    @WithDefault("false")
    boolean ssl();

    /** First segment of every topic: {@code <root>/<tenant>/devices/<id>/...}. */
    @WithDefault("iotsphere")
    String topicRoot();

    /**
     * Shared-subscription group of the reported-state subscription: instances in the same group split the devices'
     * messages between them. Instances that share a Redis key space are one service, so the group carries the prefix.
     */
    @WithDefault("shadow-service")
    String sharedGroup();

    /** Time to wait for the broker's PUBACK of a delta before the relay retries it. */
    @WithDefault("10s")
    Duration ackTimeout();

    /** Longest pause between two connection attempts while the broker is unreachable. */
    @WithDefault("5s")
    Duration maxReconnectDelay();

    /** Deltas waiting for their PUBACK at once. */
    @WithDefault("500")
    int maxInflight();
}
