package io.iotsphere.telemetry.service;

import io.iotsphere.telemetry.repository.PartitionRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Which day partitions of the raw readings exist, so that the store creates one only when a batch needs it (a new
 * tenant, a late reading): creating a partition locks its parent briefly, which the hot path must not do for every
 * batch. Partitions are normally created ahead of time by {@link RetentionService}.
 */
@ApplicationScoped
public class Partitions {

    private static final Logger LOG = Logger.getLogger(Partitions.class);

    @Inject
    PartitionRepository repository;

    /** tenantKey << 32 | epochDay of the day partitions known to exist; empty = not loaded. */
    private final Set<Long> known = ConcurrentHashMap.newKeySet();

    private volatile boolean loaded;

    public static long key(int tenantKey, LocalDate day) {
        return ((long) tenantKey << 32) | day.toEpochDay();
    }

    /** Makes sure the day partitions exist: those not known are created (or found) in the database. */
    public Uni<Void> ensure(Collection<Long> needed) {
        return load().chain(() -> {
            List<Long> missing = new ArrayList<>();
            for (Long key : needed) {
                if (!known.contains(key)) {
                    missing.add(key);
                }
            }
            if (missing.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return Multi.createFrom()
                    .iterable(missing)
                    .onItem()
                    .transformToUniAndConcatenate(key -> {
                        int tenantKey = (int) (key >>> 32);
                        LocalDate day = LocalDate.ofEpochDay(key & 0xFFFFFFFFL);
                        return repository.ensureDay(tenantKey, day).invoke(created -> {
                            if (created) {
                                LOG.debugf("created the partition of tenant %d for %s", tenantKey, day);
                            }
                            known.add(key);
                        });
                    })
                    .collect()
                    .last()
                    .replaceWithVoid();
        });
    }

    /** Records a partition created elsewhere in this process. */
    public void created(int tenantKey, LocalDate day) {
        known.add(key(tenantKey, day));
    }

    /** Forgets what is known: after a partition was dropped (here or by another replica) or was missing. */
    public void forget() {
        known.clear();
        loaded = false;
    }

    private Uni<Void> load() {
        if (loaded) {
            return Uni.createFrom().voidItem();
        }
        return repository
                .dayPartitions()
                .invoke(partitions -> {
                    partitions.forEach(p -> known.add(key(p.tenantKey(), p.day())));
                    loaded = true;
                })
                .replaceWithVoid();
    }
}
