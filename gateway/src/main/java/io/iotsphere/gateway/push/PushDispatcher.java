package io.iotsphere.gateway.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the push channel from the platform's topics (every replica reads every partition, from the latest offset:
 * push is live). Only the envelope's tenant and subject are read, and only when someone listens; the event is passed on
 * as it came.
 */
@ApplicationScoped
public class PushDispatcher {

    private static final JsonFactory JSON = new JsonFactory();

    @Inject
    Subscriptions subscriptions;

    @Inject
    MeterRegistry registry;

    private Counter pushed;

    @PostConstruct
    void metrics() {
        pushed = Counter.builder("iotsphere_gateway_push_messages_total")
                .description("Events written to WebSocket clients")
                .register(registry);
    }

    /**
     * Runs on the connector's event loop ({@code @NonBlocking}): nothing here blocks, and a plain {@code void} method
     * would otherwise be called on a worker thread, one hand-over per event.
     */
    @Incoming("push")
    @NonBlocking
    public void onEvent(ConsumerRecord<String, String> record) {
        if (subscriptions.isEmpty() || record.value() == null) {
            return;
        }
        Optional<String> kind = Channels.kindOf(record.topic());
        if (kind.isEmpty()) {
            return;
        }
        String[] envelope = envelope(record.value());
        String tenant = envelope[0];
        String subject = envelope[1];
        if (tenant == null) {
            return;
        }
        String channelAll = kind.get();
        String channelDevice = subject == null ? null : channelAll + ":" + subject;
        String message = "{\"type\":\"event\",\"channel\":\"" + (channelDevice == null ? channelAll : channelDevice)
                + "\",\"event\":" + record.value() + "}";
        if (DeviceTypeUpdated.ALL_TENANTS.equals(tenant)) {
            for (String t : subscriptions.tenants()) {
                subscriptions.forEach(t, channelAll, channelDevice, client -> deliver(client, message));
            }
        } else {
            subscriptions.forEach(tenant, channelAll, channelDevice, client -> deliver(client, message));
        }
    }

    private void deliver(PushClient client, String message) {
        if (client.send(message)) {
            pushed.increment();
        }
    }

    /** The envelope's tenant and subject (nulls when absent or not JSON), reading no further than needed. */
    static String[] envelope(String json) {
        String tenant = null;
        String subject = null;
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new String[2];
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME && (tenant == null || subject == null)) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("tenant".equals(field) && value == JsonToken.VALUE_STRING) {
                    tenant = parser.getText();
                } else if ("subject".equals(field) && value == JsonToken.VALUE_STRING) {
                    subject = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return new String[2];
        }
        return new String[] {tenant, subject};
    }
}
