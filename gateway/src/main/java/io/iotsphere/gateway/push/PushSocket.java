package io.iotsphere.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsphere.gateway.config.GatewayConfig;
import io.iotsphere.gateway.security.Principal;
import io.iotsphere.gateway.security.TokenVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The push channel. Browsers cannot set headers on a WebSocket, so the client authenticates in its first message
 * ({@code {"type":"auth","token":"..."}}), within {@code iotsphere.gateway.push.auth-timeout}; then it subscribes and
 * unsubscribes ({@code {"type":"subscribe","channel":"telemetry:wh-001"}}) and receives
 * {@code {"type":"event","channel":...,"event":{CloudEvent}}} of its own tenant only. Close codes: 4400 bad message,
 * 4401 not authenticated, 4403 channel not allowed, 4408 too slow, 4429 too many messages.
 */
@WebSocket(path = "/ws")
public class PushSocket {

    static final int BAD_MESSAGE = 4400;
    static final int UNAUTHORIZED = 4401;
    static final int TOO_MANY = 4429;

    /** Per-connection state before and after authentication. */
    static final class Session {
        volatile PushClient client;
        long windowStart = System.currentTimeMillis();
        int messagesInWindow;
        long authTimer = -1;
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger authenticated = new AtomicInteger();

    @Inject
    TokenVerifier tokens;

    @Inject
    Subscriptions subscriptions;

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void metrics() {
        registry.gauge("iotsphere_gateway_push_connections", authenticated);
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        Session session = new Session();
        sessions.put(connection.id(), session);
        session.authTimer = vertx.setTimer(config.push().authTimeout().toMillis(), id -> {
            if (session.client == null && !connection.isClosed()) {
                close(
                        connection,
                        UNAUTHORIZED,
                        "no authentication within "
                                + config.push().authTimeout().toSeconds() + " s");
            }
        });
    }

    @OnTextMessage
    String message(String text, WebSocketConnection connection) {
        Session session = sessions.get(connection.id());
        if (session == null) {
            return null;
        }
        if (tooMany(session)) {
            close(
                    connection,
                    TOO_MANY,
                    "more than " + config.push().maxClientMessagesPerSecond() + " messages a second");
            return null;
        }
        JsonNode message;
        try {
            message = mapper.readTree(text);
        } catch (Exception e) {
            close(connection, BAD_MESSAGE, "messages are JSON objects");
            return null;
        }
        String type = message.path("type").asText("");
        if (session.client == null) {
            if (!type.equals("auth")) {
                close(connection, UNAUTHORIZED, "authenticate first: {\"type\":\"auth\",\"token\":\"...\"}");
                return null;
            }
            return authenticate(session, connection, message.path("token").asText(null));
        }
        String channel = message.path("channel").asText(null);
        return switch (type) {
            case "subscribe" -> subscribe(session.client, channel);
            case "unsubscribe" -> unsubscribe(session.client, channel);
            case "ping" -> reply("pong", null, null);
            default -> reply("error", channel, "unknown message type '" + type + "'");
        };
    }

    @OnClose
    void close(WebSocketConnection connection) {
        Session session = sessions.remove(connection.id());
        if (session == null) {
            return;
        }
        if (session.authTimer >= 0) {
            vertx.cancelTimer(session.authTimer);
        }
        if (session.client != null) {
            subscriptions.removeAll(session.client);
            authenticated.decrementAndGet();
        }
    }

    private String authenticate(Session session, WebSocketConnection connection, String token) {
        Principal who;
        try {
            who = tokens.verifyToken(token == null ? "" : token);
        } catch (TokenVerifier.InvalidToken e) {
            close(connection, UNAUTHORIZED, e.getMessage());
            return null;
        }
        session.client = new PushClient(connection, who, config.push().maxPendingMessages());
        vertx.cancelTimer(session.authTimer);
        session.authTimer = -1;
        authenticated.incrementAndGet();
        ObjectNode answer =
                mapper.createObjectNode().put("type", "authenticated").put("tenant", who.tenant());
        answer.put("subject", who.subject());
        return answer.toString();
    }

    private String subscribe(PushClient client, String name) {
        var parsed = Channels.parse(name);
        if (parsed.isEmpty()) {
            return reply("error", name, "unknown channel; kinds are " + Channels.KINDS + ", optionally ':<device id>'");
        }
        Channels.Channel channel = parsed.get();
        Principal who = client.principal();
        if (who.isDevice()
                && (!Channels.DEVICE_KINDS.contains(channel.kind())
                        || !who.subject().equals(channel.device()))) {
            return reply("error", name, "a device may follow only " + Channels.DEVICE_KINDS + " of itself");
        }
        if (!client.channels().contains(channel.name())
                && client.channels().size() >= config.push().maxSubscriptions()) {
            return reply("error", name, "at most " + config.push().maxSubscriptions() + " subscriptions");
        }
        client.channels().add(channel.name());
        subscriptions.add(client, channel.name());
        return reply("subscribed", channel.name(), null);
    }

    private String unsubscribe(PushClient client, String name) {
        if (name != null && client.channels().remove(name)) {
            subscriptions.remove(client, name);
        }
        return reply("unsubscribed", name, null);
    }

    private String reply(String type, String channel, String error) {
        ObjectNode node = mapper.createObjectNode().put("type", type);
        if (channel != null) {
            node.put("channel", channel);
        }
        if (error != null) {
            node.put("error", error);
        }
        return node.toString();
    }

    private boolean tooMany(Session session) {
        long now = System.currentTimeMillis();
        if (now - session.windowStart >= 1000) {
            session.windowStart = now;
            session.messagesInWindow = 0;
        }
        return ++session.messagesInWindow > config.push().maxClientMessagesPerSecond();
    }

    private static void close(WebSocketConnection connection, int code, String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(ok -> {}, failure -> {});
    }
}
