package io.iotsphere.command.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.command.service.ResultService;
import io.iotsphere.command.service.ResultService.Kind;
import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.commons.messaging.InvalidEventException;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.command.CommandResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Devices' results on Kafka {@code command-results} (from the simulator, or an MQTT bridge): command.acknowledged,
 * completed and failed, applied to the lifecycle. What does not conform goes to {@code command-results.dlq} with the
 * reason; a database failure is retried; a result of an unknown command, a duplicate or a late one changes nothing.
 */
@ApplicationScoped
public class ResultListener {

    private static final Logger LOG = Logger.getLogger(ResultListener.class);

    @Inject
    EventCodec codec;

    @Inject
    ResultService results;

    @Incoming("results")
    public Uni<Void> onResult(String json) {
        CloudEvent<JsonNode> event = codec.decode(json);
        Kind kind = switch (event.type()) {
            case EventTypes.COMMAND_ACKNOWLEDGED -> Kind.ACKNOWLEDGED;
            case EventTypes.COMMAND_COMPLETED -> Kind.COMPLETED;
            case EventTypes.COMMAND_FAILED -> Kind.FAILED;
            default ->
                throw new InvalidEventException(List.of("/type: '" + event.type() + "' is not a command result"));
        };
        String tenant = LifecycleListener.tenant(event);
        CommandResult r = codec.data(event, CommandResult.class);
        return results.apply(tenant, r.deviceId(), r.commandId(), kind, r.result(), r.error(), "kafka")
                .onFailure()
                .invoke(e -> LOG.warnf("applying result %s failed, retrying: %s", event.id(), e.getMessage()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                .replaceWithVoid();
    }
}
