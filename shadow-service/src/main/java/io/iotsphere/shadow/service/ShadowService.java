package io.iotsphere.shadow.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.shadow.ShadowUpdated;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.shadow.Problems;
import io.iotsphere.shadow.ShadowDocument;
import io.iotsphere.shadow.ShadowJson;
import io.iotsphere.shadow.ShadowUpdate;
import io.iotsphere.shadow.StateMerge;
import io.iotsphere.shadow.UpdateParser;
import io.iotsphere.shadow.config.ShadowConfig;
import io.iotsphere.shadow.repository.ShadowStore;
import io.iotsphere.shadow.repository.ShadowStore.Mode;
import io.iotsphere.shadow.repository.ShadowStore.Outcome;
import io.iotsphere.shadow.repository.ShadowStore.Snapshot;
import io.iotsphere.shadow.repository.ShadowStore.Status;
import io.iotsphere.shadow.repository.ShadowStore.Write;
import io.iotsphere.shadow.service.ShadowMetrics.Source;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Shadow reads and writes with AWS IoT Device Shadow semantics. Every write starts from the shadow (read from Redis,
 * or remembered by {@link ShadowCache} when this instance wrote it last), computes the new document and its
 * {@code shadow.updated} event, and stores both with a compare-and-set on the version and revision: an update that
 * names a version fails with 409 when the shadow is elsewhere; one that does not is recomputed on a fresh read when
 * another update won the race, so no update is ever lost.
 */
@ApplicationScoped
public class ShadowService {

    private final ShadowStore store;
    private final ShadowConfig config;
    private final EventCodec codec;
    private final ShadowMetrics metrics;
    private final UpdateParser parser;
    private final ShadowCache cache;

    public ShadowService(
            ShadowStore store, ShadowConfig config, EventCodec codec, ShadowMetrics metrics, ShadowCache cache) {
        this.store = store;
        this.cache = cache;
        this.config = config;
        this.codec = codec;
        this.metrics = metrics;
        this.parser = new UpdateParser(config.maxDepth(), config.maxRequestBytes());
    }

    public UpdateParser parser() {
        return parser;
    }

    /** The result of an accepted update: the new document and the caller's client token. */
    public record Updated(ShadowDocument shadow, String clientToken) {}

    /** The result of a deletion: the version the deletion took and its time. */
    public record Deleted(long version, long timestamp) {}

    /** The shadow an update starts from: the device known, the version, revision and document (null when none). */
    private record Current(boolean known, long version, String rev, ShadowDocument doc) {}

    /** The shadow of a known device; 404 when the device is unknown or has no shadow. */
    public Uni<ShadowDocument> get(String tenant, String deviceId) {
        return store.read(tenant, deviceId).map(snapshot -> {
            if (!snapshot.known()) {
                throw Problems.unknownDevice(deviceId);
            }
            if (snapshot.doc() == null) {
                throw Problems.noShadow(deviceId);
            }
            return document(snapshot);
        });
    }

    /** Applies an update (already parsed and authorised); creates the shadow when there is none. */
    public Uni<Updated> update(String tenant, String deviceId, ShadowUpdate update, String updatedBy, Source source) {
        long started = System.nanoTime();
        return withRetries(() -> current(tenant, deviceId, update.version()).chain(current -> {
                    if (!current.known()) {
                        throw Problems.unknownDevice(deviceId);
                    }
                    if (update.version() != null && update.version() != current.version()) {
                        throw Problems.versionConflict(update.version(), current.version());
                    }
                    ShadowDocument before = current.doc();
                    ShadowDocument after = before == null
                            ? ShadowDocument.empty()
                            : before.copy(update.touchesDesired(), update.touchesReported());
                    long now = System.currentTimeMillis();
                    update.applyTo(after, now);
                    checkSize(after);
                    after.stamp(current.version() + 1, now);
                    return put(tenant, deviceId, current, before, after, update.clientToken(), updatedBy, update)
                            .map(written -> new Updated(after, update.clientToken()));
                }))
                .invoke(() -> {
                    metrics.update(source, "accepted");
                    metrics.latency(source, Duration.ofNanos(System.nanoTime() - started));
                })
                .onFailure()
                .invoke(failure -> metrics.update(source, outcome(failure)));
    }

    /**
     * Sets reported fields from telemetry readings ({@code sales.A1} is the field {@code A1} of the object
     * {@code sales}), each only when the reading is newer than what the shadow holds for that field. Emits false when
     * there was nothing to change (unknown device, or every reading older than the shadow's).
     */
    public Uni<Boolean> applyReadings(String tenant, String deviceId, List<Reading> readings) {
        Map<String, Reading> latest = new HashMap<>();
        Map<String, Double> values = new HashMap<>();
        for (Reading reading : readings) {
            reading.values().forEach((metric, value) -> {
                Reading known = latest.get(metric);
                if (value != null && (known == null || reading.ts().isAfter(known.ts()))) {
                    latest.put(metric, reading);
                    values.put(metric, value);
                }
            });
        }
        return withRetries(() -> current(tenant, deviceId, null).chain(current -> {
                    if (!current.known()) {
                        metrics.ignored("telemetry", "unknown-device");
                        return Uni.createFrom().item(false);
                    }
                    ShadowDocument before = current.doc();
                    ShadowDocument after = before == null ? ShadowDocument.empty() : before.copy(false, true);
                    boolean changed = false;
                    for (Map.Entry<String, Reading> entry : latest.entrySet()) {
                        String[] path = entry.getKey().split("\\.", 2);
                        long ts = entry.getValue().ts().toEpochMilli();
                        if (ts > StateMerge.timestampOf(after.reportedMetadata(), path)) {
                            StateMerge.set(
                                    after.reported(),
                                    after.reportedMetadata(),
                                    path,
                                    number(values.get(entry.getKey())),
                                    ts);
                            changed = true;
                        }
                    }
                    if (!changed) {
                        metrics.ignored("telemetry", "not-newer");
                        return Uni.createFrom().item(false);
                    }
                    checkSize(after);
                    after.stamp(current.version() + 1, System.currentTimeMillis());
                    return put(tenant, deviceId, current, before, after, null, "telemetry", null)
                            .map(written -> true);
                }))
                .invoke(changed -> {
                    if (changed) {
                        metrics.update(Source.TELEMETRY, "accepted");
                    }
                });
    }

    /** Deletes the shadow (404 when there is none); the version goes on counting when it is created again. */
    public Uni<Deleted> delete(String tenant, String deviceId, Long expectedVersion, String deletedBy) {
        return withRetries(() -> store.read(tenant, deviceId).chain(snapshot -> {
            if (!snapshot.known()) {
                throw Problems.unknownDevice(deviceId);
            }
            if (snapshot.doc() == null) {
                throw Problems.noShadow(deviceId);
            }
            if (expectedVersion != null && expectedVersion != snapshot.version()) {
                throw Problems.versionConflict(expectedVersion, snapshot.version());
            }
            long version = snapshot.version() + 1;
            String event = deletionEvent(tenant, deviceId, document(snapshot), version, deletedBy);
            Write deletion = removal(Mode.DELETE, snapshot, version, deviceId, event);
            return write(tenant, deviceId, deletion).map(outcome -> {
                cache.put(tenant, deviceId, new ShadowCache.Entry(version, deletion.newRev(), null, 0));
                return new Deleted(version, System.currentTimeMillis());
            });
        }));
    }

    /** Forgets a decommissioned device and its shadow; publishes the shadow's deletion when it had one. */
    public Uni<Void> purge(String tenant, String deviceId) {
        return withRetries(() -> store.read(tenant, deviceId).chain(snapshot -> {
            if (!snapshot.known()) {
                return Uni.createFrom().voidItem();
            }
            long version = snapshot.version() + 1;
            String event = snapshot.doc() == null
                    ? null
                    : deletionEvent(tenant, deviceId, document(snapshot), version, "device-lifecycle");
            return write(tenant, deviceId, removal(Mode.PURGE, snapshot, version, deviceId, event))
                    .invoke(() -> cache.forget(tenant, deviceId))
                    .replaceWithVoid();
        }));
    }

    /** A deletion (the version goes on counting) or a purge (the device is forgotten) of the shadow as read. */
    private static Write removal(Mode mode, Snapshot snapshot, long version, String deviceId, String event) {
        return new Write(
                mode,
                snapshot.version(),
                snapshot.rev(),
                version,
                ShadowStore.newRevision(),
                null,
                deviceId,
                event,
                false);
    }

    /**
     * Writes {@code after} over {@code current} with its event; a change of desired state that leaves a delta is
     * pushed to the device. Remembers {@code after} (no longer modified from here on) for the next update.
     */
    private Uni<Outcome> put(
            String tenant,
            String deviceId,
            Current current,
            ShadowDocument before,
            ShadowDocument after,
            String clientToken,
            String updatedBy,
            ShadowUpdate update) {
        ObjectNode delta = after.delta();
        boolean pushDelta = update != null && update.touchesDesired() && !delta.isEmpty();
        ShadowUpdated payload = new ShadowUpdated(
                deviceId,
                null,
                after.version(),
                before == null ? null : before.state(),
                after.state(),
                delta,
                clientToken,
                updatedBy);
        String event =
                codec.encode(CloudEvent.of(Sources.SHADOW, EventTypes.SHADOW_UPDATED, deviceId, tenant, payload));
        String doc = ShadowJson.write(after.toStored());
        Write write = new Write(
                Mode.PUT,
                current.version(),
                current.rev(),
                after.version(),
                ShadowStore.newRevision(),
                doc,
                deviceId,
                event,
                pushDelta);
        return write(tenant, deviceId, write)
                .invoke(() -> cache.put(
                        tenant, deviceId, new ShadowCache.Entry(after.version(), write.newRev(), after, doc.length())));
    }

    /**
     * The shadow to update: the remembered one when this instance wrote it last (and it has the version the update
     * expects, if any), else the one in Redis. A remembered one that is no longer current makes the write fail with
     * {@link Changed}, which reads again.
     */
    private Uni<Current> current(String tenant, String deviceId, Long expectedVersion) {
        ShadowCache.Entry known = cache.get(tenant, deviceId);
        if (known != null && (expectedVersion == null || expectedVersion == known.version())) {
            return Uni.createFrom().item(new Current(true, known.version(), known.rev(), known.doc()));
        }
        return store.read(tenant, deviceId)
                .map(snapshot -> new Current(
                        snapshot.known(),
                        snapshot.version(),
                        snapshot.rev(),
                        snapshot.doc() == null ? null : document(snapshot)));
    }

    /** A deletion is published as a shadow.updated whose current state is empty ({@code {}}). */
    private String deletionEvent(String tenant, String deviceId, ShadowDocument before, long version, String by) {
        ShadowUpdated payload = new ShadowUpdated(
                deviceId, null, version, before.state(), ShadowJson.object(), ShadowJson.object(), null, by);
        return codec.encode(CloudEvent.of(Sources.SHADOW, EventTypes.SHADOW_UPDATED, deviceId, tenant, payload));
    }

    private Uni<Outcome> write(String tenant, String deviceId, Write write) {
        return store.write(tenant, deviceId, write).map(outcome -> {
            if (outcome.status() != Status.WRITTEN) {
                cache.forget(tenant, deviceId);
            }
            if (outcome.status() == Status.UNKNOWN_DEVICE) {
                throw Problems.unknownDevice(deviceId);
            }
            if (outcome.status() == Status.CHANGED) {
                metrics.retry();
                throw new Changed();
            }
            return outcome;
        });
    }

    /** Runs read-compute-write again while another writer got in between; 503 when that goes on too long. */
    private <T> Uni<T> withRetries(Supplier<Uni<? extends T>> attempt) {
        int attempts = config.maxUpdateAttempts();
        return Uni.createFrom()
                .<T>deferred(attempt)
                .onFailure(Changed.class)
                .retry()
                .atMost(attempts - 1L)
                .onFailure(Changed.class)
                .transform(f -> Problems.contention(attempts));
    }

    private void checkSize(ShadowDocument doc) {
        check(ShadowDocument.DESIRED, doc.desired());
        check(ShadowDocument.REPORTED, doc.reported());
    }

    private void check(String section, ObjectNode state) {
        int size = ShadowJson.size(state);
        if (size > config.maxSectionBytes()) {
            throw Problems.tooLarge("the update would make '" + section + "' " + size + " bytes; at most "
                    + config.maxSectionBytes() + " are allowed");
        }
    }

    private static ShadowDocument document(Snapshot snapshot) {
        try {
            return ShadowDocument.fromStored(ShadowJson.parse(snapshot.doc()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored shadow is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Telemetry values as JSON numbers: whole values (booleans are 0/1) as integers. */
    static JsonNode number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1L << 53) {
            return LongNode.valueOf((long) value);
        }
        return DecimalNode.valueOf(BigDecimal.valueOf(value));
    }

    private static String outcome(Throwable failure) {
        if (Problems.is(failure, Problems.VERSION_CONFLICT)) {
            return "conflict";
        }
        if (Problems.is(failure, Problems.STORE_UNAVAILABLE) || Problems.is(failure, Problems.CONTENTION)) {
            return "failed";
        }
        return "rejected";
    }

    /** The shadow changed between read and write: recompute. Cheap, no stack trace. */
    static final class Changed extends RuntimeException {
        Changed() {
            super("shadow changed since read", null, false, false);
        }
    }
}
