package io.iotsphere.asset.service;

import io.iotsphere.asset.config.AssetConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Forgets the ids of telemetry events applied longer ago than {@code iotsphere.asset.inventory.dedupe-retention}
 * (longer than the topic keeps them, so none of them can be delivered again).
 */
@ApplicationScoped
public class AppliedEventsCleanup {

    private static final Logger LOG = Logger.getLogger(AppliedEventsCleanup.class);

    @Inject
    Pool pool;

    @Inject
    AssetConfig config;

    @Scheduled(
            every = "${iotsphere.asset.inventory.cleanup-interval:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cleanup() {
        return pool.preparedQuery(
                        "DELETE FROM inventory_applied_events WHERE applied_at < now() - $1 * interval '1 millisecond'")
                .execute(Tuple.of(config.inventory().dedupeRetention().toMillis()))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.debugf("forgot %d applied telemetry event ids", rows.rowCount());
                    }
                })
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("removing old applied event ids failed, will retry: %s", e.getMessage());
                    return null;
                })
                .replaceWithVoid();
    }
}
