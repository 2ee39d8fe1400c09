package io.iotsphere.asset.messaging;

import io.iotsphere.asset.service.DeviceSync;
import io.iotsphere.asset.service.Errors;
import io.iotsphere.commons.messaging.InvalidEventException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * How a consumer treats a failure. Permanent ones (the event breaks its contract, contradicts what is stored, or the
 * database refuses its data) go to the dead-letter topic with the reason; anything else (the database unreachable, a
 * lost race) is retried with back-off until it succeeds, so that no event is lost nor skipped out of order.
 */
final class Failures {

    private static final Logger LOG = Logger.getLogger(Failures.class);

    private Failures() {}

    static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidEventException
                    || t instanceof DeviceSync.AssetConflict
                    || t instanceof IllegalArgumentException
                    || t instanceof NullPointerException
                    || t instanceof ClassCastException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String state = Errors.sqlState(failure);
        // 22: data exception, 23: integrity constraint violation (a unique violation is a lost race: retried).
        return state != null && (state.startsWith("22") || state.startsWith("23") && !state.equals("23505"));
    }

    /** Retries {@code work} on transient failures, indefinitely, with back-off; permanent failures pass through. */
    static <T> Uni<T> retryTransient(Uni<T> work, String what) {
        return work.onFailure(f -> !isPermanent(f))
                .invoke(f -> LOG.warnf("%s failed, retrying: %s", what, f.toString()))
                .onFailure(f -> !isPermanent(f))
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30))
                .indefinitely();
    }

    static String reason(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }
}
