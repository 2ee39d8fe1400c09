package io.iotsphere.gateway.push;

import io.iotsphere.gateway.security.Principal;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One authenticated WebSocket client: its principal, its channels, and the messages queued to it. A client that lets
 * more than the allowed number of messages pile up is closed (code 4008) instead of growing the gateway's memory.
 */
public final class PushClient {

    public static final int SLOW_CONSUMER = 4008;

    private final WebSocketConnection connection;
    private final Principal principal;
    private final int maxPending;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();

    PushClient(WebSocketConnection connection, Principal principal, int maxPending) {
        this.connection = connection;
        this.principal = principal;
        this.maxPending = maxPending;
    }

    public String tenant() {
        return principal.tenant();
    }

    Principal principal() {
        return principal;
    }

    Set<String> channels() {
        return channels;
    }

    /** Queues a message; returns false (and closes the connection) when the client does not keep up. */
    boolean send(String message) {
        if (closing.get()) {
            return false;
        }
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            close(SLOW_CONSUMER, "too slow: more than " + maxPending + " messages waiting");
            return false;
        }
        connection
                .sendText(message)
                .subscribe()
                .with(ok -> pending.decrementAndGet(), failure -> pending.decrementAndGet());
        return true;
    }

    void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ok -> {}, failure -> {});
        }
    }
}
