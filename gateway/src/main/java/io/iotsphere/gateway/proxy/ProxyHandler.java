package io.iotsphere.gateway.proxy;

import io.iotsphere.commons.rest.RequestIdFilter;
import io.iotsphere.gateway.config.GatewayConfig;
import io.iotsphere.gateway.ratelimit.RateLimiter;
import io.iotsphere.gateway.security.AccessPolicy;
import io.iotsphere.gateway.security.Principal;
import io.iotsphere.gateway.security.TokenVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.ProxyRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The reverse proxy of {@code /api/v1/**}: finds the route, verifies the token, applies the route's roles and the rate
 * limits, then streams the request to the owning service and its answer back (bodies are never buffered), with the
 * Authorization header, a request id and a W3C traceparent. An unreachable service answers 502, a slow one 504, both
 * as problem+json.
 */
@ApplicationScoped
public class ProxyHandler {

    static final String PREFIX = "/api/v1/";

    private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    @Inject
    RouteTable routes;

    @Inject
    TokenVerifier tokens;

    @Inject
    RateLimiter limiter;

    @Inject
    GatewayConfig config;

    @Inject
    AccessLog accessLog;

    @Inject
    MeterRegistry registry;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private HttpClient client;

    void register(@Observes Router router, Vertx vertx) {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(200)
                .setConnectTimeout(2000)
                .setPoolEventLoopSize(0));
        router.route(PREFIX + "*").order(-100).handler(this::handle);
    }

    void close(@Observes ShutdownEvent event) {
        if (client != null) {
            client.close();
        }
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        request.pause();
        long start = System.nanoTime();
        String requestId = requestId(request.getHeader(RequestIdFilter.HEADER));
        Exchange exchange = new Exchange(request.method().name(), request.path(), requestId, start);
        rc.response().putHeader(RequestIdFilter.HEADER, requestId);
        rc.response().endHandler(v -> finished(rc, exchange));

        var match = routes.match(request.path());
        if (match.isEmpty()) {
            exchange.route = "none";
            refuse(rc, 404, "Not Found", "no service serves " + request.path());
            return;
        }
        RouteTable.Match route = match.get();
        exchange.route = route.route().name();
        Uni<RateLimiter.Decision> decision;
        if (route.route().config().authenticated()) {
            Principal who;
            try {
                who = tokens.verify(request.getHeader(HttpHeaders.AUTHORIZATION));
            } catch (TokenVerifier.InvalidToken e) {
                rc.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                refuse(rc, 401, "Unauthorized", e.getMessage());
                return;
            }
            exchange.subject = who.subject();
            exchange.tenant = who.tenant();
            switch (AccessPolicy.decide(who, request.method(), route)) {
                case NOT_FOUND -> {
                    refuse(rc, 404, "Not Found", "not found");
                    return;
                }
                case FORBIDDEN -> {
                    refuse(rc, 403, "Forbidden", "your role may not " + request.method() + " " + request.path());
                    return;
                }
                case ALLOW -> {}
            }
            decision = limiter.acquire(who);
        } else {
            decision = limiter.acquireAnonymous(request.remoteAddress().hostAddress());
        }
        decision.subscribe().with(d -> {
            if (!d.allowed()) {
                long seconds = Math.max(1, (d.retryAfter().toMillis() + 999) / 1000);
                rc.response().putHeader("Retry-After", String.valueOf(seconds));
                refuse(rc, 429, "Too Many Requests", "rate limit exceeded; retry in " + seconds + " s");
                return;
            }
            forward(rc, route, requestId);
        });
    }

    private void forward(RoutingContext rc, RouteTable.Match route, String requestId) {
        HttpServerRequest request = rc.request();
        URI upstream = route.route().upstream();
        Duration timeout = route.route().config().timeout().orElse(config.defaultTimeout());
        ProxyRequest proxied = ProxyRequest.reverseProxy(request);
        proxied.putHeader(RequestIdFilter.HEADER, requestId);
        proxied.putHeader("traceparent", TraceContext.next(request.getHeader("traceparent")));
        proxied.putHeader("X-Forwarded-For", request.remoteAddress().hostAddress());
        proxied.putHeader("X-Forwarded-Proto", request.scheme());
        if (request.authority() != null) {
            proxied.putHeader("X-Forwarded-Host", request.authority().toString());
        }
        int port = upstream.getPort() > 0 ? upstream.getPort() : 80;
        proxied.setAuthority(HostAndPort.create(upstream.getHost(), port));
        RequestOptions options = new RequestOptions()
                .setHost(upstream.getHost())
                .setPort(port)
                .setMethod(request.method())
                .setURI(request.uri())
                .setIdleTimeout(timeout.toMillis());
        client.request(options)
                .compose(proxied::send)
                .compose(response -> response.send())
                .onFailure(failure -> {
                    proxied.release();
                    if (failure instanceof TimeoutException) {
                        refuse(
                                rc,
                                504,
                                "Gateway Timeout",
                                route.route().name() + " did not answer in " + timeout.toMillis() + " ms");
                    } else {
                        refuse(rc, 502, "Bad Gateway", route.route().name() + " is unavailable");
                    }
                });
    }

    private void refuse(RoutingContext rc, int status, String title, String detail) {
        rc.request().resume();
        ProblemResponses.send(rc.response(), status, title, detail, rc.request().path());
    }

    private void finished(RoutingContext rc, Exchange exchange) {
        int status = rc.response().getStatusCode();
        long nanos = System.nanoTime() - exchange.start;
        timer(exchange.route == null ? "none" : exchange.route, exchange.method, status / 100)
                .record(nanos, TimeUnit.NANOSECONDS);
        accessLog.log(exchange, status, nanos);
    }

    /** The timer of a route, method and status class, registered once (not looked up by tags on every request). */
    private Timer timer(String route, String method, int statusClass) {
        return timers.computeIfAbsent(
                route + ' ' + method + ' ' + statusClass,
                key -> Timer.builder("iotsphere_gateway_requests")
                        .description("Requests through the gateway")
                        .tag("route", route)
                        .tag("method", method)
                        .tag("status", statusClass + "xx")
                        .publishPercentileHistogram()
                        .register(registry));
    }

    private static String requestId(String given) {
        if (given != null && REQUEST_ID.matcher(given).matches()) {
            return given;
        }
        // A random (version 4) UUID: request ids must be unique, not unguessable, so no SecureRandom on the hot path.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** What the access log says of one request. */
    public static final class Exchange {
        final String method;
        final String path;
        final String requestId;
        final long start;
        String route;
        String subject;
        String tenant;

        Exchange(String method, String path, String requestId, long start) {
            this.method = method;
            this.path = path;
            this.requestId = requestId;
            this.start = start;
        }
    }
}
