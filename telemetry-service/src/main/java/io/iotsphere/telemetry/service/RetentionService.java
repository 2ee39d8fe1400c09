package io.iotsphere.telemetry.service;

import io.iotsphere.telemetry.Retention;
import io.iotsphere.telemetry.Tenant;
import io.iotsphere.telemetry.config.TelemetryConfig;
import io.iotsphere.telemetry.repository.DirectoryRepository;
import io.iotsphere.telemetry.repository.PartitionRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Partitions ahead of time and retention. Each tenant's raw readings live in day partitions created a few days ahead
 * and dropped whole once older than the tenant's raw retention (default 30 days). Rollups live in monthly partitions,
 * dropped once older than the longest rollup retention of any tenant (default 2 years); a tenant keeping its rollups
 * for less has the older rows deleted.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    @Inject
    DirectoryRepository directory;

    @Inject
    DeviceDirectory deviceDirectory;

    @Inject
    Pool pool;

    @Inject
    PartitionRepository repository;

    @Inject
    Partitions partitions;

    @Inject
    TelemetryConfig config;

    void atStart(@Observes StartupEvent start) {
        run().subscribe()
                .with(
                        ignored -> {},
                        failure -> LOG.warnf("partition maintenance at start failed: %s", failure.toString()));
    }

    @Scheduled(
            every = "${telemetry.retention.interval}",
            delayed = "${telemetry.retention.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().onFailure()
                .invoke(failure -> LOG.warnf("partition maintenance failed (next run retries): %s", failure.toString()))
                .onFailure()
                .recoverWithNull();
    }

    /** The tenant's retention (the defaults for a tenant without devices here yet). */
    public Uni<Retention> of(String tenant) {
        return directory.findTenant(tenant).map(found -> retention(found.orElse(null)));
    }

    /** Sets the tenant's retention (null: the default) and applies it at once in the background. */
    public Uni<Retention> set(String tenant, Integer rawDays, Integer rollupDays) {
        return pool.withTransaction(c -> directory
                        .updateRetention(c, tenant, rawDays, rollupDays)
                        .call(() -> directory.notifyChange(c, DeviceDirectory.tenantChange(tenant))))
                .invoke(updated -> {
                    deviceDirectory.changed(DeviceDirectory.tenantChange(tenant));
                    run().subscribe()
                            .with(
                                    ignored -> {},
                                    failure -> LOG.warnf("retention not applied yet: %s", failure.toString()));
                })
                .map(this::retention);
    }

    private Retention retention(Tenant tenant) {
        int raw = config.retention().rawDays();
        int rollup = config.retention().rollupDays();
        if (tenant == null) {
            return new Retention(raw, rollup, true, true);
        }
        return new Retention(
                tenant.rawDays(raw),
                tenant.rollupDays(rollup),
                tenant.rawRetentionDays() == null,
                tenant.rollupRetentionDays() == null);
    }

    /** Creates the coming partitions and drops the expired ones, for every tenant. */
    public Uni<Void> run() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return directory
                .allTenants()
                .chain(tenants -> Multi.createFrom()
                        .iterable(tenants)
                        .onItem()
                        .transformToUniAndConcatenate(tenant -> tenant(tenant, today))
                        .collect()
                        .last()
                        .chain(() -> rollups(tenants, today)));
    }

    /** The partitions a tenant needs from now on: today and the next days (created when the tenant appears). */
    public Uni<Void> prepareTenant(int tenantKey) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int d = 0; d <= config.retention().daysAhead(); d++) {
            LocalDate day = today.plusDays(d);
            chain = chain.chain(() -> repository.ensureDay(tenantKey, day))
                    .invoke(() -> partitions.created(tenantKey, day))
                    .replaceWithVoid();
        }
        return chain;
    }

    private Uni<Void> tenant(Tenant tenant, LocalDate today) {
        int days = tenant.rawDays(config.retention().rawDays());
        return prepareTenant(tenant.tenantKey())
                .chain(() -> repository.dropDaysBefore(tenant.tenantKey(), today.minusDays(days)))
                .invoke(dropped -> {
                    if (!dropped.isEmpty()) {
                        LOG.infof(
                                "tenant %s: dropped %d day partitions past its raw retention of %d days: %s",
                                tenant.tenant(), dropped.size(), days, dropped);
                        partitions.forget();
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> rollups(List<Tenant> tenants, LocalDate today) {
        int defaultRaw = config.retention().rawDays();
        int defaultRollup = config.retention().rollupDays();
        int longestRaw =
                tenants.stream().mapToInt(t -> t.rawDays(defaultRaw)).max().orElse(defaultRaw);
        int longestRollup = Math.max(
                defaultRollup,
                tenants.stream()
                        .mapToInt(t -> t.rollupDays(defaultRollup))
                        .max()
                        .orElse(defaultRollup));
        // Months that late readings (up to the longest raw retention) and the next month may need.
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LocalDate month = today.minusDays(longestRaw).withDayOfMonth(1);
                !month.isAfter(today.plusMonths(1));
                month = month.plusMonths(1)) {
            LocalDate first = month;
            chain = chain.chain(() -> repository.ensureRollupMonth(first)).replaceWithVoid();
        }
        return chain.chain(() -> repository.dropRollupMonthsBefore(today.minusDays(longestRollup)))
                .invoke(dropped -> {
                    if (!dropped.isEmpty()) {
                        LOG.infof(
                                "dropped rollup partitions past the longest rollup retention (%d days): %s",
                                longestRollup, dropped);
                    }
                })
                .chain(() -> Multi.createFrom()
                        .iterable(tenants)
                        .filter(t -> t.rollupDays(defaultRollup) < longestRollup)
                        .onItem()
                        .transformToUniAndConcatenate(t -> repository.deleteRollupsBefore(
                                t.tenantKey(), startOf(today.minusDays(t.rollupDays(defaultRollup)))))
                        .collect()
                        .last())
                .replaceWithVoid();
    }

    static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
