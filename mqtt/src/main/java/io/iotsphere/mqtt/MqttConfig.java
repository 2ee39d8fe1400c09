package io.iotsphere.mqtt;

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
     * Shared-subscription group of the service's subscription: instances in the same group split the devices'
     * messages between them. Empty: a plain subscription (every instance gets every message).
     */
    @WithDefault("${quarkus.application.name}")
    String sharedGroup();

    /** Time to wait for the broker's PUBACK of a QoS 1 publish before it fails (and the caller retries). */
    @WithDefault("10s")
    Duration ackTimeout();

    /** Longest pause between two connection attempts while the broker is unreachable. */
    @WithDefault("5s")
    Duration maxReconnectDelay();

    /** QoS 1 publishes waiting for their PUBACK at once. */
    @WithDefault("1000")
    int maxInflight();
}
