package io.iotsphere.gateway.ratelimit;

import io.iotsphere.gateway.config.GatewayConfig;
import io.iotsphere.gateway.security.Principal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Token buckets in Redis, shared by every gateway replica: one per subject (capacity by role) and one per tenant, both
 * taken in one atomic script. When Redis cannot answer, requests pass (the gateway stays available) and the failure
 * is counted and logged.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /** The verdict: allowed, or how long to wait. */
    public record Decision(boolean allowed, Duration retryAfter) {
        static final Decision ALLOW = new Decision(true, Duration.ZERO);
    }

    private final String script = readScript();

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    GatewayConfig config;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "iotsphere.redis.key-prefix")
    Optional<String> keyPrefix;

    private final Map<GatewayConfig.Bucket, String[]> arguments = new ConcurrentHashMap<>();
    private volatile String sha;
    private Counter errors;
    private Counter limited;

    @PostConstruct
    void init() {
        errors = Counter.builder("iotsphere_gateway_ratelimit_errors_total")
                .description("Rate-limit checks Redis could not answer (requests were let through)")
                .register(registry);
        limited = Counter.builder("iotsphere_gateway_ratelimited_total")
                .description("Requests refused with 429")
                .register(registry);
    }

    /** Takes a token for an authenticated caller: from its own bucket and its tenant's. */
    public Uni<Decision> acquire(Principal who) {
        if (!config.rateLimit().enabled()) {
            return Uni.createFrom().item(Decision.ALLOW);
        }
        GatewayConfig.Bucket own = bucketFor(who);
        String prefix = keyPrefix.orElse("") + "ratelimit:";
        return take(
                prefix + "subject:" + who.tenant() + ":" + who.subject(),
                own,
                prefix + "tenant:" + who.tenant(),
                config.rateLimit().tenant());
    }

    /** Takes a token for an unauthenticated caller, by client address. */
    public Uni<Decision> acquireAnonymous(String client) {
        if (!config.rateLimit().enabled()) {
            return Uni.createFrom().item(Decision.ALLOW);
        }
        String key = keyPrefix.orElse("") + "ratelimit:client:" + client;
        GatewayConfig.Bucket bucket = config.rateLimit().anonymous();
        return take(key, bucket, key, bucket);
    }

    GatewayConfig.Bucket bucketFor(Principal who) {
        GatewayConfig.Bucket best = null;
        for (String role : who.roles()) {
            GatewayConfig.Bucket b = config.rateLimit().roles().get(role);
            if (b != null && (best == null || b.refillPerSecond() > best.refillPerSecond())) {
                best = b;
            }
        }
        return best != null ? best : config.rateLimit().anonymous();
    }

    private Uni<Decision> take(String key1, GatewayConfig.Bucket b1, String key2, GatewayConfig.Bucket b2) {
        String[] first = arguments(b1);
        String[] second = arguments(b2);
        String[] args = {"2", key1, key2, first[0], first[1], second[0], second[1]};
        return evaluate(args)
                .map(RateLimiter::decision)
                .invoke(d -> {
                    if (!d.allowed()) {
                        limited.increment();
                    }
                })
                .onFailure()
                .recoverWithItem(failure -> {
                    errors.increment();
                    LOG.warnf("rate limit not checked (Redis: %s); letting the request through", failure.getMessage());
                    return Decision.ALLOW;
                });
    }

    /** A bucket's script arguments (capacity, refill per millisecond), formatted once per configured bucket. */
    private String[] arguments(GatewayConfig.Bucket bucket) {
        String[] known = arguments.get(bucket);
        if (known != null) {
            return known;
        }
        String[] formatted = {String.valueOf(bucket.capacity()), String.valueOf(bucket.refillPerSecond() / 1000.0)};
        if (arguments.size() < 64) { // the configured buckets are a handful of fixed objects
            arguments.put(bucket, formatted);
        }
        return formatted;
    }

    private Uni<Response> evaluate(String[] args) {
        Uni<String> loaded = sha != null
                ? Uni.createFrom().item(sha)
                : redis.execute("SCRIPT", "LOAD", script).map(r -> {
                    sha = r.toString();
                    return sha;
                });
        return loaded.chain(s -> redis.execute("EVALSHA", prepend(s, args)))
                .onFailure(e -> e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT"))
                .recoverWithUni(() -> {
                    sha = null;
                    return evaluate(args);
                });
    }

    private static Decision decision(Response response) {
        boolean allowed = response.get(0).toLong() == 1L;
        return allowed
                ? Decision.ALLOW
                : new Decision(false, Duration.ofMillis(response.get(1).toLong()));
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String readScript() {
        try (InputStream in = RateLimiter.class.getClassLoader().getResourceAsStream("token-bucket.lua")) {
            if (in == null) {
                throw new IllegalStateException("missing resource token-bucket.lua");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
