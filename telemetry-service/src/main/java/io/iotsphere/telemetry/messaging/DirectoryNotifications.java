package io.iotsphere.telemetry.messaging;

import io.iotsphere.telemetry.repository.DirectoryRepository;
import io.iotsphere.telemetry.service.DeviceDirectory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Listens to the directory's change notifications ({@code LISTEN telemetry_directory}) on a connection of its own, so
 * that a device or type changed through any replica is dropped from every replica's cache at once. When the
 * connection is lost and comes back, notifications may have been missed: the caches are emptied.
 */
@ApplicationScoped
public class DirectoryNotifications {

    private static final Logger LOG = Logger.getLogger(DirectoryNotifications.class);

    @Inject
    Vertx vertx;

    @Inject
    DeviceDirectory directory;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private PgSubscriber subscriber;
    private volatile boolean stopping;

    void start(@Observes StartupEvent start) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(username);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> stopping ? -1L : Math.min(10_000L, 500L * (retries + 1)));
        subscriber
                .channel(DirectoryRepository.CHANNEL)
                .subscribeHandler(v -> directory.forgetAll())
                .handler(directory::changed);
        subscriber.closeHandler(v -> {
            if (!stopping) {
                LOG.warn("the directory notification connection closed for good; reconnecting");
                connect();
            }
        });
        connect();
    }

    private void connect() {
        subscriber.connect().onFailure(failure -> {
            if (!stopping) {
                LOG.warnf("cannot listen to directory notifications (%s); retrying in 5 s", failure.getMessage());
                vertx.setTimer(5_000, id -> connect());
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        stopping = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
