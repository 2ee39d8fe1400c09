package io.iotsphere.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.DeviceAwareJwtCallerPrincipalFactory;
import io.iotsphere.gateway.config.GatewayConfig;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Verifies a bearer token exactly as the services do (users' issuer and key, or the registry's for devices: RS256
 * signature, issuer, expiry; {@code alg: none} and unknown keys fail), and requires a valid tenant claim.
 *
 * <p>A successful verification is remembered, keyed on the exact token string, until the token's {@code exp} (and at
 * most {@code iotsphere.gateway.token-cache.max-age}), in a bounded cache: the same string verified again a moment
 * later gives the same answer, so the signature check is skipped. Failures are never remembered, and an entry past its
 * {@code exp} is never used, whatever the cache's own eviction does.
 */
@ApplicationScoped
public class TokenVerifier {

    /** Why a token was refused, in words safe to show the caller. */
    public static class InvalidToken extends Exception {
        public InvalidToken(String message) {
            super(message);
        }
    }

    /** A verified token: who it speaks for, and until when (epoch seconds of its {@code exp}). */
    record Verified(Principal principal, long expiresAt) {}

    @Inject
    DeviceAwareJwtCallerPrincipalFactory factory;

    @Inject
    JWTAuthContextInfo context;

    @Inject
    GatewayConfig config;

    private Cache<String, Verified> verified;

    @PostConstruct
    void init() {
        int maxSize = config.tokenCache().maxSize();
        if (maxSize <= 0) {
            return;
        }
        long maxAgeNanos = config.tokenCache().maxAge().toNanos();
        verified = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String token, Verified value, long currentTime) {
                        long untilExp =
                                TimeUnit.MILLISECONDS.toNanos(value.expiresAt() * 1000 - System.currentTimeMillis());
                        return Math.max(0, Math.min(untilExp, maxAgeNanos));
                    }

                    @Override
                    public long expireAfterUpdate(String token, Verified value, long currentTime, long duration) {
                        return expireAfterCreate(token, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String token, Verified value, long currentTime, long duration) {
                        return duration;
                    }
                })
                .build();
    }

    public Principal verify(String authorization) throws InvalidToken {
        if (authorization == null || authorization.isBlank()) {
            throw new InvalidToken("a bearer token is required");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new InvalidToken("the Authorization header must carry a bearer token");
        }
        return verifyToken(authorization.substring(7).trim());
    }

    public Principal verifyToken(String token) throws InvalidToken {
        if (verified != null) {
            Verified known = verified.getIfPresent(token);
            if (known != null && System.currentTimeMillis() < known.expiresAt() * 1000) {
                return known.principal();
            }
        }
        JWTCallerPrincipal jwt;
        try {
            jwt = factory.parse(token, context);
        } catch (ParseException e) {
            throw new InvalidToken("the token is invalid or expired");
        }
        Object tenant = jwt.getClaim(Caller.TENANT_CLAIM);
        if (!Caller.validTenant(tenant)) {
            throw new InvalidToken("the token carries no valid 'tenant' claim");
        }
        Set<String> groups = jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups());
        Principal principal = new Principal(jwt.getSubject(), (String) tenant, groups);
        // Verification requires exp, so a verified token always has one; without it, nothing is remembered.
        if (verified != null && jwt.getExpirationTime() > 0) {
            verified.put(token, new Verified(principal, jwt.getExpirationTime()));
        }
        return principal;
    }
}
