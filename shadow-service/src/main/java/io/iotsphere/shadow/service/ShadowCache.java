package io.iotsphere.shadow.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iotsphere.shadow.ShadowDocument;
import io.iotsphere.shadow.config.ShadowConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The shadows this instance wrote last, parsed, so that the next update of the same shadow starts without reading it
 * from Redis. Such an update is written with a compare-and-set on the remembered version and revision: when anybody
 * else (another replica, a deletion) wrote the shadow in between, the write changes nothing, the entry is dropped and
 * the update is computed again on a fresh read. Bounded by the documents' serialised size
 * ({@code iotsphere.shadow.cache.max-bytes}; 0 turns it off). The documents are never modified once remembered.
 */
@ApplicationScoped
public class ShadowCache {

    /** A shadow as written: its version, revision and document ({@code null}: deleted, the device has none). */
    public record Entry(long version, String rev, ShadowDocument doc, int bytes) {}

    private final Cache<String, Entry> entries;

    public ShadowCache(ShadowConfig config) {
        long maxBytes = config.cache().maxBytes();
        this.entries = maxBytes <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(maxBytes)
                        .<String, Entry>weigher((key, entry) -> key.length() + Math.max(1, entry.bytes()))
                        .build();
    }

    public Entry get(String tenant, String deviceId) {
        return entries == null ? null : entries.getIfPresent(key(tenant, deviceId));
    }

    public void put(String tenant, String deviceId, Entry entry) {
        if (entries != null) {
            entries.put(key(tenant, deviceId), entry);
        }
    }

    public void forget(String tenant, String deviceId) {
        if (entries != null) {
            entries.invalidate(key(tenant, deviceId));
        }
    }

    private static String key(String tenant, String deviceId) {
        return tenant + '/' + deviceId;
    }
}
