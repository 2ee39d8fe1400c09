package io.iotsphere.asset.service;

import io.iotsphere.asset.Asset;
import io.iotsphere.asset.AssetTypes;
import io.iotsphere.commons.persistence.TenantKey;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceStatus;
import io.iotsphere.contracts.device.DeviceUpdated;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps the assets of the registry's devices in step with {@code device-lifecycle}: a registered (or updated)
 * water heater or vending machine becomes or updates its tenant's asset with what the event carries; a decommissioned
 * one is retired, its history kept. Every event is an upsert guarded by the envelope's time: an event no newer than
 * the last one applied to the asset (a redelivery, a replay) changes nothing. Devices of other types are no assets.
 */
@ApplicationScoped
public class DeviceSync {

    /** What applying an event did. */
    public enum Outcome {
        CREATED,
        UPDATED,
        STALE,
        IGNORED
    }

    /** An event that contradicts the stored asset (e.g. another type under the same id): it cannot be applied. */
    public static class AssetConflict extends RuntimeException {
        public AssetConflict(String message) {
            super(message);
        }
    }

    @Inject
    MeterRegistry metrics;

    public Uni<Outcome> registered(String tenant, Instant at, DeviceRegistered d) {
        return apply(tenant, at, d.deviceId(), d.deviceType(), "registered", a -> {
            describe(a, d.name(), d.manufacturer(), d.model(), d.serialNumber(), d.tags(), d.attributes());
        });
    }

    public Uni<Outcome> updated(String tenant, Instant at, DeviceUpdated d) {
        return apply(tenant, at, d.deviceId(), d.deviceType(), "updated", a -> {
            describe(a, d.name(), d.manufacturer(), d.model(), d.serialNumber(), d.tags(), d.attributes());
            if (d.status() == DeviceStatus.DECOMMISSIONED) {
                retire(a, at);
            }
        });
    }

    public Uni<Outcome> decommissioned(String tenant, Instant at, DeviceDecommissioned d) {
        return apply(tenant, at, d.deviceId(), d.deviceType(), "decommissioned", a -> {
            retire(a, d.decommissionedAt() != null ? d.decommissionedAt() : at);
        });
    }

    private Uni<Outcome> apply(
            String tenant, Instant at, String deviceId, String deviceType, String event, Consumer<Asset> change) {
        if (!AssetTypes.ALL.contains(deviceType)) {
            return Uni.createFrom().item(count(event, Outcome.IGNORED));
        }
        return Panache.withTransaction(() -> Asset.<Asset>findById(new TenantKey(tenant, deviceId))
                        .chain(existing -> {
                            Instant now = Instant.now();
                            if (existing == null) {
                                Asset a = new Asset();
                                a.tenant = tenant;
                                a.id = deviceId;
                                a.type = deviceType;
                                a.createdAt = now;
                                link(a, at, now, change);
                                return a.persist().replaceWith(Outcome.CREATED);
                            }
                            if (!existing.type.equals(deviceType)) {
                                throw new AssetConflict("asset '" + deviceId + "' of tenant " + tenant + " is a "
                                        + existing.type + ", the device is a " + deviceType);
                            }
                            if (existing.deviceEventAt != null && !at.isAfter(existing.deviceEventAt)) {
                                return Uni.createFrom().item(Outcome.STALE);
                            }
                            link(existing, at, now, change);
                            return Uni.createFrom().item(Outcome.UPDATED);
                        }))
                .map(outcome -> count(event, outcome));
    }

    private static void link(Asset a, Instant at, Instant now, Consumer<Asset> change) {
        change.accept(a);
        a.deviceLinked = true;
        a.deviceEventAt = at;
        a.updatedAt = now;
    }

    /** The registry's descriptive fields; a missing one (the registry cannot clear them) keeps what the asset had. */
    private static void describe(
            Asset a,
            String name,
            String manufacturer,
            String model,
            String serialNumber,
            List<String> tags,
            java.util.Map<String, String> attributes) {
        if (name != null) {
            a.name = name;
        }
        if (manufacturer != null) {
            a.manufacturer = manufacturer;
        }
        if (model != null) {
            a.model = model;
        }
        if (serialNumber != null) {
            a.serialNumber = serialNumber;
        }
        if (tags != null) {
            a.tags = tags.toArray(new String[0]);
        }
        if (attributes != null) {
            a.attributes = new LinkedHashMap<>(attributes);
        }
    }

    private static void retire(Asset a, Instant at) {
        if (!a.decommissioned()) {
            a.status = AssetTypes.DECOMMISSIONED;
            a.decommissionedAt = at;
        }
    }

    private Outcome count(String event, Outcome outcome) {
        metrics.counter(
                        "iotsphere_asset_device_events_total",
                        "event",
                        event,
                        "outcome",
                        outcome.name().toLowerCase())
                .increment();
        return outcome;
    }
}
