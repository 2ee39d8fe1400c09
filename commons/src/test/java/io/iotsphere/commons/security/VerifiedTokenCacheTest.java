package io.iotsphere.commons.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static final long NOW = 1_764_000_000_000L;

    private final AtomicLong clock = new AtomicLong(NOW);

    @Test
    void findsAVerifiedTokenByItsExactStringOnly() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, 300_000, clock::get);
        JsonWebToken principal = principal(NOW / 1000 + 60);
        cache.put("header.claims.signature", principal);

        assertSame(principal, cache.get("header.claims.signature"));
        assertNull(cache.get("header.claims.signaturf"));
        assertNull(cache.get("header.claims.signature "));
    }

    @Test
    void forgetsATokenAtItsExpiry() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, 300_000, clock::get);
        JsonWebToken principal = principal(NOW / 1000 + 60);
        cache.put("t", principal);

        clock.set(NOW + 59_999);
        assertSame(principal, cache.get("t"));
        clock.set(NOW + 60_000);
        assertNull(cache.get("t"));
        assertEquals(0, cache.size());
    }

    @Test
    void forgetsATokenAfterTheMaximumAgeOrItsOwnLimitEvenBeforeItsExpiry() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, 5_000, clock::get);
        cache.put("aged", principal(NOW / 1000 + 3600));
        cache.put("limited", principal(NOW / 1000 + 3600), NOW + 2_000);

        clock.set(NOW + 2_000);
        assertNull(cache.get("limited"));
        assertTrue(cache.get("aged") != null);
        clock.set(NOW + 5_000);
        assertNull(cache.get("aged"));
    }

    @Test
    void neverKeepsAnExpiredTokenOrOneWithoutExpiry() {
        VerifiedTokenCache cache = new VerifiedTokenCache(10, 300_000, clock::get);
        cache.put("expired", principal(NOW / 1000 - 1));
        cache.put("no-exp", new DefaultJWTCallerPrincipal(new JwtClaims()));

        assertNull(cache.get("expired"));
        assertNull(cache.get("no-exp"));
        assertEquals(0, cache.size());
    }

    @Test
    void staysWithinItsSizeDroppingExpiredEntriesFirst() {
        VerifiedTokenCache cache = new VerifiedTokenCache(100, 300_000, clock::get);
        for (int i = 0; i < 50; i++) {
            cache.put("short-" + i, principal(NOW / 1000 + 10));
        }
        for (int i = 0; i < 50; i++) {
            cache.put("long-" + i, principal(NOW / 1000 + 3600));
        }
        clock.set(NOW + 10_000);
        cache.put("new", principal(NOW / 1000 + 3600));

        assertEquals(51, cache.size());
        assertTrue(cache.get("long-0") != null);
        for (int i = 0; i < 1000; i++) {
            cache.put("more-" + i, principal(NOW / 1000 + 3600));
            assertTrue(cache.size() <= 100, "size " + cache.size());
        }
    }

    @Test
    void cachesNothingWhenTurnedOff() {
        VerifiedTokenCache cache = new VerifiedTokenCache(0, 300_000, clock::get);
        cache.put("t", principal(NOW / 1000 + 60));
        assertNull(cache.get("t"));
    }

    static JsonWebToken principal(long expSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("someone");
        claims.setExpirationTime(NumericDate.fromSeconds(expSeconds));
        return new DefaultJWTCallerPrincipal(claims);
    }
}
