package io.iotsphere.registry.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Runs the offline sweep on a schedule; replicas may sweep at once, each silent device still changes once. The first
 * sweep waits a little after start-up, until the Kafka channels its events go out on are connected.
 */
@ApplicationScoped
public class PresenceSweeper {

    @Inject
    PresenceService presence;

    @Scheduled(
            every = "${iotsphere.registry.presence.sweep-interval:15s}",
            delayed = "${iotsphere.registry.presence.sweep-delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return presence.sweep().replaceWithVoid();
    }
}
