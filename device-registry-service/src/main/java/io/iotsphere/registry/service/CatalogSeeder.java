package io.iotsphere.registry.service;

import io.iotsphere.outbox.Outbox;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * At start-up, adds the seeded device types (water heater, vending machine) that the catalog lacks, announcing each,
 * before the service takes requests. A failure is logged and retried at the next start; it does not stop the start.
 */
@ApplicationScoped
public class CatalogSeeder {

    private static final Logger LOG = Logger.getLogger(CatalogSeeder.class);

    @Inject
    DeviceTypeService types;

    @Inject
    Outbox outbox;

    void onStart(@Observes StartupEvent event) {
        try {
            // Hibernate Reactive runs on a Vert.x context: this runs the seeding on one and waits for it.
            int added = VertxContextSupport.subscribeAndAwait(() -> types.seed());
            if (added > 0) {
                LOG.infof("seeded %d device types", added);
                outbox.flushSoon();
            }
        } catch (Throwable failure) {
            LOG.errorf(failure, "seeding the device type catalog failed; it is retried at the next start");
        }
    }
}
