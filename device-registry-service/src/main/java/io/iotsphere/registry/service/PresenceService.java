package io.iotsphere.registry.service;

import io.iotsphere.commons.persistence.TenantKey;
import io.iotsphere.contracts.Topics;
import io.iotsphere.outbox.Outbox;
import io.iotsphere.registry.config.RegistryConfig;
import io.iotsphere.registry.messaging.LifecycleEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Online/offline tracking. Every message of a device is a sign of life: {@link #seen} records the latest per device
 * in one statement per batch, and a device that was offline (or never online) goes online, announced once. The sweep
 * turns devices silent for {@code iotsphere.registry.presence.offline-after} offline, announced once. Both write the
 * announcement in the same transaction as the change (outbox), so a change is never announced twice nor lost.
 */
@ApplicationScoped
public class PresenceService {

    private static final String SEEN = """
            WITH seen(tenant, id, at) AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
            ), previous AS (
                SELECT d.tenant, d.id, d.online FROM devices d JOIN seen s ON d.tenant = s.tenant AND d.id = s.id
                WHERE d.status <> 'decommissioned'
                ORDER BY d.tenant, d.id
                FOR UPDATE OF d
            )
            UPDATE devices d SET
                last_seen = greatest(d.last_seen, s.at),
                online = true,
                status = CASE WHEN d.status = 'registered' THEN 'active' ELSE d.status END,
                presence_changed_at = CASE WHEN p.online THEN d.presence_changed_at ELSE now() END
            FROM seen s JOIN previous p ON p.tenant = s.tenant AND p.id = s.id
            WHERE d.tenant = s.tenant AND d.id = s.id
            RETURNING d.tenant, d.id, p.online AS was_online, d.last_seen, d.presence_changed_at
            """;

    private static final String SWEEP = """
            UPDATE devices SET online = false, presence_changed_at = now()
            WHERE online AND status <> 'decommissioned' AND last_seen < now() - $1 * interval '1 millisecond'
            RETURNING tenant, id, last_seen, presence_changed_at
            """;

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    RegistryConfig config;

    @Inject
    MeterRegistry metrics;

    /** Records sightings (the latest per device is enough) and announces the devices that came online. */
    public Uni<Integer> seen(Map<TenantKey, Instant> latest) {
        if (latest.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<String> tenants = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<OffsetDateTime> times = new ArrayList<>();
        latest.forEach((key, at) -> {
            tenants.add(key.tenant);
            ids.add(key.id);
            times.add(at.atOffset(ZoneOffset.UTC));
        });
        return pool.withTransaction(connection -> connection
                        .preparedQuery(SEEN)
                        .execute(Tuple.of(
                                tenants.toArray(new String[0]),
                                ids.toArray(new String[0]),
                                times.toArray(new OffsetDateTime[0])))
                        .chain(rows -> {
                            List<Row> cameOnline = new ArrayList<>();
                            rows.forEach(row -> {
                                if (!row.getBoolean("was_online")) {
                                    cameOnline.add(row);
                                }
                            });
                            return announce(connection, cameOnline, true).replaceWith(cameOnline.size());
                        }))
                .invoke(count -> {
                    if (count > 0) {
                        outbox.flushSoon();
                    }
                });
    }

    /** Turns silent devices offline; returns how many. */
    public Uni<Integer> sweep() {
        long silence = config.presence().offlineAfter().toMillis();
        return pool.withTransaction(connection -> connection
                        .preparedQuery(SWEEP)
                        .execute(Tuple.of(silence))
                        .chain(rows -> {
                            List<Row> wentOffline = new ArrayList<>();
                            rows.forEach(wentOffline::add);
                            return announce(connection, wentOffline, false).replaceWith(wentOffline.size());
                        }))
                .invoke(count -> {
                    if (count > 0) {
                        outbox.flushSoon();
                    }
                });
    }

    private Uni<Void> announce(SqlConnection connection, List<Row> changes, boolean online) {
        metrics.counter("iotsphere_registry_presence_changes_total", "to", online ? "online" : "offline")
                .increment(changes.size());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Row row : changes) {
            chain = chain.chain(() -> outbox.add(
                    connection,
                    Topics.DEVICE_LIFECYCLE,
                    LifecycleEvents.presence(
                            row.getString("tenant"),
                            row.getString("id"),
                            online,
                            instant(row.getOffsetDateTime("last_seen")),
                            instant(row.getOffsetDateTime("presence_changed_at")))));
        }
        return chain;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
