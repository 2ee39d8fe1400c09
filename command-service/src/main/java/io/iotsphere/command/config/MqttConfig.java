package io.iotsphere.command.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The MQTT broker devices talk to ({@code iotsphere.mqtt.*}). */
@ConfigMapping(prefix = "iotsphere.mqtt")
public interface MqttConfig {

    /** Whether this service carries commands to devices over MQTT and takes their results from it. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("localhost")
    String host();

    @WithDefault("1883")
    int port();

    Optional<String> username();

    Optional<String> password();

    @WithDefault("false")
    boolean ssl();

    /** First segment of every topic: {@code <root>/<tenant>/devices/<id>/commands}. */
    @WithDefault("iotsphere")
    String topicRoot();

    /**
     * Shared-subscription group of the results subscription: replicas of the service split the devices' results
     * between them. Empty: a plain subscription.
     */
    @WithDefault("command-service")
    String sharedGroup();

    /** Time to wait for the broker's PUBACK of a command before the delivery is retried. */
    @WithDefault("10s")
    Duration ackTimeout();

    /** Longest pause between two connection attempts while the broker is unreachable. */
    @WithDefault("5s")
    Duration maxReconnectDelay();

    /** Commands waiting for their PUBACK at once. */
    @WithDefault("1000")
    int maxInflight();
}
