package io.iotsphere.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway's route table, rate limits and push channel (see application.yaml). */
@ConfigMapping(prefix = "iotsphere.gateway")
public interface GatewayConfig {

    /** Routes in order: the first whose path matches takes the request. */
    List<Route> routes();

    /** Upper bound of an upstream's answer when the route sets none. */
    @WithDefault("30s")
    Duration defaultTimeout();

    RateLimit rateLimit();

    Push push();

    TokenCache tokenCache();

    interface Route {
        /** Name in logs and metrics. */
        String name();

        /**
         * Path pattern: literal segments, {@code {id}} (one segment, captured), {@code *} (one segment) and a final
         * {@code **} (the rest, possibly nothing).
         */
        String path();

        /** Base URL of the service that owns the path, e.g. http://localhost:8081. */
        String upstream();

        Optional<Duration> timeout();

        /** Roles that may read (GET, HEAD, OPTIONS). */
        @WithDefault("admin,operator,viewer")
        List<String> readRoles();

        /** Roles that may change things (every other method). */
        @WithDefault("admin,operator")
        List<String> writeRoles();

        /**
         * Methods a device token may use on this route, only for its own device: the {@code {id}} of the path must be
         * the token's subject. Empty: devices have no access.
         */
        Optional<List<String>> deviceMethods();

        /** False for the few paths that carry their own proof (the device token exchange). */
        @WithDefault("true")
        boolean authenticated();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Per subject, by role (the most generous of the token's roles applies). */
        Map<String, Bucket> roles();

        /** Shared by every subject of a tenant. */
        Bucket tenant();

        /** Per client address, for the unauthenticated routes. */
        Bucket anonymous();
    }

    /** A token bucket: up to {@code capacity} requests at once, refilled at {@code refillPerSecond}. */
    interface Bucket {
        int capacity();

        double refillPerSecond();
    }

    interface Push {
        /** Subscriptions one connection may hold. */
        @WithDefault("100")
        int maxSubscriptions();

        /** Messages queued to one connection and not yet written; beyond it the client is too slow and dropped. */
        @WithDefault("256")
        int maxPendingMessages();

        /** Messages a client may send per second (auth, subscribe, unsubscribe). */
        @WithDefault("20")
        int maxClientMessagesPerSecond();

        /** Time a new connection has to authenticate. */
        @WithDefault("10s")
        Duration authTimeout();
    }

    /**
     * Verified tokens kept in memory, keyed on the exact token string, so that a client's next requests skip the RS256
     * check. An entry lives until the token's {@code exp} and at most {@code max-age} (a bound on how long a key
     * withdrawn from the JWKS keeps being honoured); only successful verifications are kept.
     */
    interface TokenCache {
        /** Tokens kept at most (beyond it, the least used go first); 0 turns the cache off. */
        @WithDefault("10000")
        int maxSize();

        @WithDefault("5m")
        Duration maxAge();
    }
}
