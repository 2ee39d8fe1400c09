package io.iotsphere.shadow.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Names of every Redis key the service uses, behind the key prefix of the deployment ({@code iotsphere.redis.key-prefix},
 * empty in production, one per test run).
 *
 * <ul>
 *   <li>{@code shadow:<tenant>:<deviceId>}: a hash per known device: {@code type} (the device is registered),
 *       {@code version} (last version, kept when the shadow is deleted), {@code doc} (the shadow document) and
 *       {@code rev} (a random value every write sets: see {@code ShadowCache}).
 *   <li>{@code shadow:outbox:kafka}: stream of {@code shadow.updated} events waiting for Kafka's ack.
 *   <li>{@code shadow:outbox:mqtt}: stream of devices whose delta must be pushed over MQTT.
 *   <li>{@code shadow:lease:<outbox>}: which instance relays that outbox.
 * </ul>
 */
@ApplicationScoped
public class RedisKeys {

    private final String prefix;

    /** The prefix is empty in production, which configuration sees as not set at all. */
    public RedisKeys(@ConfigProperty(name = "iotsphere.redis.key-prefix") Optional<String> prefix) {
        this.prefix = prefix.orElse("");
    }

    public String prefix() {
        return prefix;
    }

    public String device(String tenant, String deviceId) {
        return prefix + "shadow:" + tenant + ":" + deviceId;
    }

    public String outbox(String name) {
        return prefix + "shadow:outbox:" + name;
    }

    public String lease(String outbox) {
        return prefix + "shadow:lease:" + outbox;
    }
}
