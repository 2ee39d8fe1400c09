package io.iotsphere.command.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls to shadow-service, each bounded (2 s), retried twice on a failure that may pass (timeout, 5xx, connection
 * refused), and behind a circuit breaker that stops calling for 10 s when half of the last 10 calls failed. A 4xx
 * answer is the shadow's decision: {@link ShadowRejectedException}, neither retried nor counted against the circuit.
 * The settings can be changed by configuration (MicroProfile Fault Tolerance keys, e.g.
 * {@code io.iotsphere.command.client.ShadowClient/setDesired/Timeout/value}).
 */
@ApplicationScoped
public class ShadowClient {

    @Inject
    @RestClient
    ShadowApi api;

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = ShadowRejectedException.class)
    @CircuitBreaker(
            requestVolumeThreshold = 10,
            failureRatio = 0.5,
            delay = 10,
            delayUnit = ChronoUnit.SECONDS,
            skipOn = ShadowRejectedException.class)
    public Uni<Void> setDesired(String deviceId, ObjectNode body, String authorization, String requestId) {
        return api.update(deviceId, authorization, requestId, body)
                .replaceWithVoid()
                .onFailure(WebApplicationException.class)
                .transform(failure -> {
                    var response = ((WebApplicationException) failure).getResponse();
                    int status = response == null ? 500 : response.getStatus();
                    if (status >= 400 && status < 500) {
                        return new ShadowRejectedException(status, detail(response));
                    }
                    return failure;
                });
    }

    private static String detail(Response response) {
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            return body == null || body.length() <= 300 ? body : body.substring(0, 300);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
