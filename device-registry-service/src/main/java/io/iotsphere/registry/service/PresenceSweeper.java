package io.iotsphere.registry.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Runs the offline sweep on a schedule; replicas may sweep at once, each silent device still changes once. */
@ApplicationScoped
public class PresenceSweeper {

    @Inject
    PresenceService presence;

    @Scheduled(
            every = "${iotsphere.registry.presence.sweep-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return presence.sweep().replaceWithVoid();
    }
}
