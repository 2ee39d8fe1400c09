package io.iotsphere.command.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsphere.command.client.ShadowClient;
import io.iotsphere.command.client.ShadowRejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps the shadow's desired state in step with commands that change a setting: a water heater's
 * {@code set_temperature} sets {@code state.desired.setpoint} (the water heater's canonical field, so that the delta
 * with the reported setpoint is right), through shadow-service's API with the caller's own token, before the command
 * is dispatched.
 *
 * <p>The command never waits on the shadow beyond the client's bounds nor fails because of it: when shadow-service is
 * unreachable (after its retries, or with the circuit open) the command is queued and dispatched all the same and
 * carries {@code shadowSync = FAILED}; when it refuses (4xx, e.g. it does not know the device yet) {@code REJECTED}.
 * The device's reported setpoint then reaches the shadow as usual; the desired value is left as it was, for an operator
 * to set again (metric {@code iotsphere_command_shadow_sync_total{outcome}}).
 */
@ApplicationScoped
public class ShadowSync {

    public static final String SYNCED = "SYNCED";
    public static final String REJECTED = "REJECTED";
    public static final String FAILED = "FAILED";

    private static final Logger LOG = Logger.getLogger(ShadowSync.class);

    @Inject
    ShadowClient client;

    @Inject
    CommandMetrics metrics;

    /** The desired state a command sets, if it sets one: {@code {"setpoint": t}} for a water heater's set_temperature. */
    public static Optional<ObjectNode> desired(String deviceType, String command, JsonNode params) {
        if ("water-heater".equals(deviceType) && "set_temperature".equals(command) && params != null) {
            JsonNode temperature = params.get("temperature");
            if (temperature != null && temperature.isNumber()) {
                ObjectNode desired = JsonNodeFactory.instance.objectNode();
                desired.set("setpoint", temperature);
                return Optional.of(desired);
            }
        }
        return Optional.empty();
    }

    /** Sets the desired state; emits SYNCED, REJECTED or FAILED, never a failure. */
    public Uni<String> apply(
            String deviceId, ObjectNode desired, String commandId, String authorization, String requestId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("state").set("desired", desired);
        body.put("clientToken", commandId);
        return client.setDesired(deviceId, body, authorization, requestId)
                .replaceWith(SYNCED)
                .onFailure()
                .recoverWithItem(failure -> {
                    if (failure instanceof ShadowRejectedException rejected) {
                        LOG.warnf(
                                "shadow of device %s not updated for command %s: %s",
                                deviceId, commandId, rejected.getMessage());
                        return REJECTED;
                    }
                    LOG.warnf(
                            "shadow-service unreachable, command %s goes ahead without setting the desired state of"
                                    + " device %s: %s",
                            commandId, deviceId, String.valueOf(failure));
                    return FAILED;
                })
                .invoke(metrics::shadowSync);
    }
}
