package io.iotsphere.telemetry.service;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iotsphere.telemetry.Device;
import io.iotsphere.telemetry.DeviceType;
import io.iotsphere.telemetry.Tenant;
import io.iotsphere.telemetry.config.TelemetryConfig;
import io.iotsphere.telemetry.repository.DirectoryRepository;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What ingestion, the store and the queries need to know about devices, device types and tenants: read from the
 * projection in PostgreSQL and kept in bounded in-memory caches. A change recorded by any replica is announced with
 * {@code NOTIFY} (see {@link io.iotsphere.telemetry.messaging.DirectoryNotifications}) and drops the cached entry
 * everywhere; entries also expire after {@code telemetry.cache.expiry} as a safety net.
 */
@ApplicationScoped
public class DeviceDirectory {

    private static final Logger LOG = Logger.getLogger(DeviceDirectory.class);

    @Inject
    DirectoryRepository repository;

    @Inject
    TelemetryConfig config;

    private AsyncLoadingCache<DeviceId, Optional<Device>> devices;
    private AsyncLoadingCache<String, Optional<DeviceType>> types;
    private AsyncLoadingCache<String, Optional<Tenant>> tenants;

    record DeviceId(String tenant, String deviceId) {}

    @PostConstruct
    void init() {
        devices = Caffeine.newBuilder()
                .maximumSize(config.cache().devices())
                .expireAfterWrite(config.cache().expiry())
                .buildAsync((id, executor) ->
                        repository.findDevice(id.tenant(), id.deviceId()).subscribeAsCompletionStage());
        types = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(config.cache().expiry())
                .buildAsync((id, executor) -> repository.findType(id).subscribeAsCompletionStage());
        tenants = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(config.cache().expiry())
                .buildAsync((id, executor) -> repository.findTenant(id).subscribeAsCompletionStage());
    }

    public Uni<Optional<Device>> device(String tenant, String deviceId) {
        return Uni.createFrom().completionStage(() -> devices.get(new DeviceId(tenant, deviceId)));
    }

    public Uni<Optional<DeviceType>> type(String typeId) {
        return Uni.createFrom().completionStage(() -> types.get(typeId));
    }

    public Uni<Optional<Tenant>> tenant(String tenant) {
        return Uni.createFrom().completionStage(() -> tenants.get(tenant));
    }

    /** Drops the entry a change notification names: {@code d:<tenant>/<id>}, {@code t:<type>}, {@code n:<tenant>}. */
    public void changed(String notification) {
        if (notification == null || notification.length() < 3 || notification.charAt(1) != ':') {
            LOG.warnf("ignoring an unreadable directory notification '%s'", notification);
            return;
        }
        String subject = notification.substring(2);
        switch (notification.charAt(0)) {
            case 'd' -> {
                int slash = subject.indexOf('/');
                if (slash > 0) {
                    devices.synchronous()
                            .invalidate(new DeviceId(subject.substring(0, slash), subject.substring(slash + 1)));
                }
            }
            case 't' -> types.synchronous().invalidate(subject);
            case 'n' -> tenants.synchronous().invalidate(subject);
            default -> LOG.warnf("ignoring an unknown directory notification '%s'", notification);
        }
    }

    /** Drops everything: after the notification connection was lost, changes may have been missed. */
    public void forgetAll() {
        devices.synchronous().invalidateAll();
        types.synchronous().invalidateAll();
        tenants.synchronous().invalidateAll();
    }

    public static String deviceChange(String tenant, String deviceId) {
        return "d:" + tenant + "/" + deviceId;
    }

    public static String typeChange(String typeId) {
        return "t:" + typeId;
    }

    public static String tenantChange(String tenant) {
        return "n:" + tenant;
    }
}
