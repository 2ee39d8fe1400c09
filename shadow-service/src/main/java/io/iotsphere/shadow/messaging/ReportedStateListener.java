package io.iotsphere.shadow.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsphere.commons.security.Caller;
import io.iotsphere.mqtt.MqttGateway;
import io.iotsphere.shadow.Problems;
import io.iotsphere.shadow.ShadowJson;
import io.iotsphere.shadow.ShadowUpdate;
import io.iotsphere.shadow.rest.ShadowResource;
import io.iotsphere.shadow.service.ShadowMetrics;
import io.iotsphere.shadow.service.ShadowMetrics.Source;
import io.iotsphere.shadow.service.ShadowService;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mqtt.messages.MqttPublishMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Reported state from devices over MQTT: {@code <root>/<tenant>/devices/<id>/state/reported} with the body
 * {@code {"state": {"reported": {...}}, "clientToken": "...", "version": N}}. The broker authenticates devices and
 * lets each publish on its own topics only, so the topic names the device. A device's messages are applied in order.
 * A refused update is answered on {@code .../shadow/rejected} with the code and reason; one that failed because Redis
 * was unreachable is retried for a while first.
 *
 * <p>The one MQTT connection delivers every device's messages on one event loop. The work is spread over one event
 * loop context per processor ("lanes"), a device always on the same lane, so the updates use every core and a
 * device's messages still keep their order; the broker's acknowledgement is sent on the connection's own context.
 */
@ApplicationScoped
public class ReportedStateListener {

    private static final Logger LOG = Logger.getLogger(ReportedStateListener.class);
    private static final Pattern DEVICE_ID = Pattern.compile(ShadowResource.DEVICE_ID);

    private final MqttGateway mqtt;
    private final ShadowService shadows;
    private final ShadowMetrics metrics;
    private final KeyedSequencer sequencer = new KeyedSequencer();
    private final Pattern topic;
    private final List<Context> lanes = new ArrayList<>();

    public ReportedStateListener(MqttGateway mqtt, ShadowService shadows, ShadowMetrics metrics, Vertx vertx) {
        this.mqtt = mqtt;
        this.shadows = shadows;
        this.metrics = metrics;
        this.topic = Pattern.compile("^[^/]+/([^/]+)/devices/([^/]+)/state/reported$");
        // Each new event loop context takes the next of Vert.x's event loops (round robin).
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            lanes.add(((VertxInternal) vertx).createEventLoopContext());
        }
    }

    void onStart(@Observes StartupEvent event) {
        mqtt.listen("state/reported", this::onMessage);
    }

    void onMessage(MqttPublishMessage message) {
        Matcher m = topic.matcher(message.topicName());
        if (!m.matches()
                || !Caller.validTenant(m.group(1))
                || !DEVICE_ID.matcher(m.group(2)).matches()) {
            metrics.ignored("mqtt", "bad-topic");
            message.ack();
            return;
        }
        String tenant = m.group(1);
        String deviceId = m.group(2);
        String body = message.payload().toString();
        String key = tenant + "/" + deviceId;
        Context connection = Vertx.currentContext();
        Runnable ack = connection == null ? message::ack : () -> connection.runOnContext(v -> message.ack());
        lanes.get(Math.floorMod(key.hashCode(), lanes.size()))
                .runOnContext(v -> sequencer.submit(
                        key, () -> apply(tenant, deviceId, body).eventually(ack)));
    }

    private Uni<Void> apply(String tenant, String deviceId, String body) {
        ShadowUpdate update;
        try {
            update = shadows.parser().parse(body);
            if (update.touchesDesired()) {
                throw Problems.forbidden("a device may set 'reported' only; 'desired' is set by operators");
            }
        } catch (HttpProblem problem) {
            metrics.update(Source.MQTT, "rejected");
            reject(tenant, deviceId, problem, null);
            return Uni.createFrom().voidItem();
        }
        String clientToken = update.clientToken();
        return shadows.update(tenant, deviceId, update, deviceId, Source.MQTT)
                .onFailure(f -> Problems.is(f, Problems.STORE_UNAVAILABLE))
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .expireIn(Duration.ofMinutes(1).toMillis())
                .replaceWithVoid()
                .onFailure()
                .recoverWithItem(failure -> {
                    if (failure instanceof HttpProblem problem) {
                        reject(tenant, deviceId, problem, clientToken);
                    } else {
                        LOG.errorf(failure, "reported state of %s/%s could not be stored", tenant, deviceId);
                    }
                    return null;
                });
    }

    private void reject(String tenant, String deviceId, HttpProblem problem, String clientToken) {
        ObjectNode notice = ShadowJson.object();
        notice.put("code", problem.getStatusCode());
        notice.put("message", problem.getDetail());
        notice.put("type", String.valueOf(problem.getType()));
        if (clientToken != null) {
            notice.put("clientToken", clientToken);
        }
        notice.put("timestamp", System.currentTimeMillis());
        mqtt.publishAtMostOnce(mqtt.deviceTopic(tenant, deviceId, "shadow/rejected"), ShadowJson.write(notice));
    }
}
