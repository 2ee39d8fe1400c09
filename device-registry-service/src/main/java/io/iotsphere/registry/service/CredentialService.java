package io.iotsphere.registry.service;

import io.iotsphere.commons.persistence.TenantKey;
import io.iotsphere.commons.rest.Problems;
import io.iotsphere.commons.security.Roles;
import io.iotsphere.contracts.Topics;
import io.iotsphere.outbox.Outbox;
import io.iotsphere.registry.Device;
import io.iotsphere.registry.DeviceCredential;
import io.iotsphere.registry.LifecycleStatus;
import io.iotsphere.registry.config.RegistryConfig;
import io.iotsphere.registry.messaging.LifecycleEvents;
import io.iotsphere.registry.rest.TokenResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Device credentials: rotation, revocation, and the exchange of a secret for a short-lived device JWT. A failed
 * exchange says nothing of which part was wrong, takes as long whether the device exists or not, and repeated
 * failures lock the device id out for a while (checked before any hashing, so guessing costs the guesser, not us).
 */
@ApplicationScoped
public class CredentialService {

    static final String INVALID = "invalid device credentials";

    @Inject
    Secrets secrets;

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    @Inject
    RegistryConfig config;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "iotsphere.jwt.device.issuer")
    String issuer;

    /** A new secret replaces the old one at once; the new secret is returned this once. */
    public Uni<String> rotate(String tenant, String deviceId) {
        String secret = secrets.newSecret();
        return secrets.hash(secret)
                .chain(hash -> Panache.withTransaction(() -> DeviceService.find(tenant, deviceId)
                        .chain(device -> {
                            if (device.decommissioned()) {
                                throw Problems.conflict("device '" + deviceId + "' is decommissioned");
                            }
                            return DeviceCredential.<DeviceCredential>findById(new TenantKey(tenant, deviceId));
                        })
                        .chain(credential -> {
                            Instant now = Instant.now();
                            DeviceCredential c = credential != null ? credential : new DeviceCredential();
                            c.tenant = tenant;
                            c.id = deviceId;
                            c.secretHash = hash;
                            c.revokedAt = null;
                            c.rotatedAt = now;
                            if (c.createdAt == null) {
                                c.createdAt = now;
                            }
                            return c.persist();
                        })))
                .replaceWith(secret);
    }

    /** The device can no longer exchange its secret; tokens already issued expire on their own. */
    public Uni<DeviceCredential> revoke(String tenant, String deviceId) {
        return Panache.withTransaction(() -> credential(tenant, deviceId).chain(c -> {
            c.secretHash = null;
            if (c.revokedAt == null) {
                c.revokedAt = Instant.now();
            }
            return c.persist();
        }));
    }

    public Uni<DeviceCredential> credential(String tenant, String deviceId) {
        return Panache.withSession(() -> DeviceService.find(tenant, deviceId)
                .chain(() -> DeviceCredential.<DeviceCredential>findById(new TenantKey(tenant, deviceId)))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("device '" + deviceId + "' has no credential")));
    }

    public Uni<TokenResponse> exchange(String tenant, String deviceId, String secret) {
        return lockedUntil(tenant, deviceId).chain(locked -> {
            if (locked != null) {
                metrics.counter("iotsphere_registry_token_exchanges_total", "outcome", "throttled")
                        .increment();
                return Uni.createFrom()
                        .failure(Problems.tooManyRequests(
                                "too many failed attempts; try again later", Duration.between(Instant.now(), locked)));
            }
            return Panache.withSession(() -> Device.<Device>find("tenant = ?1 and id = ?2", tenant, deviceId)
                            .firstResult()
                            .chain(device -> DeviceCredential.<DeviceCredential>findById(
                                            new TenantKey(tenant, deviceId))
                                    .map(c -> new Object[] {device, c})))
                    .chain(found -> {
                        Device device = (Device) found[0];
                        DeviceCredential credential = (DeviceCredential) found[1];
                        boolean usable =
                                device != null && !device.decommissioned() && credential != null && credential.usable();
                        return secrets.verify(secret, usable ? credential.secretHash : null)
                                .chain(ok -> ok ? succeed(device) : fail(tenant, deviceId));
                    });
        });
    }

    private Uni<TokenResponse> succeed(Device device) {
        Duration ttl = config.credentials().tokenTtl();
        String token = Jwt.issuer(issuer)
                .subject(device.id)
                .upn(device.id)
                .groups(Set.of(Roles.DEVICE))
                .claim("tenant", device.tenant)
                .claim("device_type", device.type)
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(ttl)
                .sign();
        metrics.counter("iotsphere_registry_token_exchanges_total", "outcome", "issued")
                .increment();
        Uni<Void> activate = device.status == LifecycleStatus.REGISTERED
                ? activate(device)
                : Uni.createFrom().voidItem();
        return pool.preparedQuery("DELETE FROM credential_failures WHERE tenant = $1 AND device_id = $2")
                .execute(Tuple.of(device.tenant, device.id))
                .chain(() -> activate)
                .replaceWith(new TokenResponse(token, "Bearer", ttl.toSeconds()));
    }

    /** The first successful authentication makes a registered device active. */
    private Uni<Void> activate(Device device) {
        return Panache.withTransaction(() -> DeviceService.find(device.tenant, device.id)
                        .chain(d -> {
                            if (d.status != LifecycleStatus.REGISTERED) {
                                return Uni.createFrom().voidItem();
                            }
                            d.status = LifecycleStatus.ACTIVE;
                            d.updatedAt = Instant.now();
                            return Panache.flush()
                                    .chain(() -> outbox.add(Topics.DEVICE_LIFECYCLE, LifecycleEvents.updated(d)));
                        }))
                .invoke(outbox::flushSoon);
    }

    private Uni<TokenResponse> fail(String tenant, String deviceId) {
        metrics.counter("iotsphere_registry_token_exchanges_total", "outcome", "refused")
                .increment();
        var throttle = config.credentials();
        String upsert = "INSERT INTO credential_failures AS f (tenant, device_id, failures, window_started)"
                + " VALUES ($1, $2, 1, now())"
                + " ON CONFLICT (tenant, device_id) DO UPDATE SET"
                + " failures = CASE WHEN f.window_started < now() - $3 * interval '1 millisecond' THEN 1"
                + "   ELSE f.failures + 1 END,"
                + " window_started = CASE WHEN f.window_started < now() - $3 * interval '1 millisecond' THEN now()"
                + "   ELSE f.window_started END,"
                + " locked_until = CASE WHEN f.window_started < now() - $3 * interval '1 millisecond' THEN NULL"
                + "   ELSE f.locked_until END"
                + " RETURNING failures";
        return pool.preparedQuery(upsert)
                .execute(Tuple.of(tenant, deviceId, throttle.failureWindow().toMillis()))
                .chain(rows -> {
                    int failures = rows.iterator().next().getInteger(0);
                    if (failures < throttle.maxFailures()) {
                        return Uni.createFrom().voidItem();
                    }
                    return pool.preparedQuery("UPDATE credential_failures SET locked_until = now() + $3 * interval"
                                    + " '1 millisecond' WHERE tenant = $1 AND device_id = $2")
                            .execute(Tuple.of(
                                    tenant, deviceId, throttle.lockout().toMillis()))
                            .replaceWithVoid();
                })
                .chain(() -> Uni.createFrom().failure(Problems.unauthorized(INVALID)));
    }

    /** When the device id's lockout ends, or null when it is not locked out. */
    private Uni<Instant> lockedUntil(String tenant, String deviceId) {
        return pool.preparedQuery("SELECT locked_until FROM credential_failures"
                        + " WHERE tenant = $1 AND device_id = $2 AND locked_until > now()")
                .execute(Tuple.of(tenant, deviceId))
                .map(CredentialService::firstInstant);
    }

    private static Instant firstInstant(RowSet<Row> rows) {
        if (!rows.iterator().hasNext()) {
            return null;
        }
        OffsetDateTime value = rows.iterator().next().getOffsetDateTime(0);
        return value == null ? null : value.toInstant();
    }
}
