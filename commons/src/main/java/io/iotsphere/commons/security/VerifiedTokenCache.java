package io.iotsphere.commons.security;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens already verified (signature, issuer, expiry, roles), so a client sending the same token again is not verified
 * again: an RS256 check and the claims' parsing cost far more than the request they guard. An entry is found only by
 * the exact token string (a token differing in one character, signature included, is verified from scratch), is
 * kept at most until the token's {@code exp} (never past it, whatever the verifier's clock skew allows) and at most
 * {@code maxAgeMillis} after its verification, so a change of verification key takes effect within that time. The
 * cache holds at most {@code maxEntries}: when full, expired entries go first, then arbitrary ones.
 */
public final class VerifiedTokenCache {

    private record Entry(JsonWebToken principal, long expiresAtMillis) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long maxAgeMillis;
    private final LongSupplier clock;

    public VerifiedTokenCache(int maxEntries, long maxAgeMillis, LongSupplier clock) {
        this.maxEntries = maxEntries;
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
    }

    public VerifiedTokenCache(int maxEntries, long maxAgeMillis) {
        this(maxEntries, maxAgeMillis, System::currentTimeMillis);
    }

    /** The principal of a token verified before and still within its time; null otherwise. */
    public JsonWebToken get(String token) {
        if (maxEntries <= 0) {
            return null;
        }
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() >= entry.expiresAtMillis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.principal();
    }

    /** Remembers a token that was just verified in full, with the principal the verification made. */
    public void put(String token, JsonWebToken principal) {
        put(token, principal, Long.MAX_VALUE);
    }

    /** The same, for a token the verifier would also refuse from {@code notAfterMillis} on (e.g. a maximum age). */
    public void put(String token, JsonWebToken principal, long notAfterMillis) {
        if (maxEntries <= 0 || principal.getExpirationTime() <= 0) {
            return;
        }
        long now = clock.getAsLong();
        long expiresAt = Math.min(Math.min(principal.getExpirationTime() * 1000, now + maxAgeMillis), notAfterMillis);
        if (expiresAt <= now) {
            return;
        }
        if (entries.size() >= maxEntries) {
            makeRoom(now);
        }
        entries.put(token, new Entry(principal, expiresAt));
    }

    public int size() {
        return entries.size();
    }

    private void makeRoom(long now) {
        entries.values().removeIf(entry -> now >= entry.expiresAtMillis());
        Iterator<String> tokens = entries.keySet().iterator();
        int target = maxEntries - Math.max(1, maxEntries / 10);
        while (entries.size() > target && tokens.hasNext()) {
            tokens.next();
            tokens.remove();
        }
    }
}
