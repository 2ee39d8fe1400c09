package io.iotsphere.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotsphere.testsupport.TestTopics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WebSocket push end to end: a reading posted through the gateway reaches its tenant's subscribers only. */
@QuarkusTest
class PushTest {

    @TestHTTPResource("/ws")
    URI ws;

    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    /** A test client: the messages it received, and how it was closed. */
    static final class Client {
        final List<JsonObject> messages = new CopyOnWriteArrayList<>();
        volatile Short closeCode;
        WebSocket socket;

        void send(JsonObject message) {
            socket.writeTextMessage(message.encode());
        }

        boolean received(String type) {
            return messages.stream().anyMatch(m -> type.equals(m.getString("type")));
        }
    }

    Client connect() throws Exception {
        Client client = new Client();
        WebSocketClient wsClient = vertx.createWebSocketClient();
        client.socket = wsClient.connect(ws.getPort(), ws.getHost(), "/ws")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        client.socket.textMessageHandler(text -> client.messages.add(new JsonObject(text)));
        client.socket.closeHandler(v -> client.closeCode = client.socket.closeStatusCode());
        return client;
    }

    Client authenticated(String token) throws Exception {
        Client client = connect();
        client.send(new JsonObject().put("type", "auth").put("token", token));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.received("authenticated"));
        return client;
    }

    static void subscribe(Client client, String channel) {
        client.send(new JsonObject().put("type", "subscribe").put("channel", channel));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.messages.stream()
                        .anyMatch(m ->
                                "subscribed".equals(m.getString("type")) && channel.equals(m.getString("channel"))));
    }

    void postReading(String tenant, String device) {
        given().auth()
                .oauth2(Tokens.device(tenant, device))
                .header("X-Test-Topic-Prefix", TestTopics.name(""))
                .contentType("application/json")
                .body("{\"values\":{\"tank_temperature\":51}}")
                .when()
                .post("/api/v1/devices/" + device + "/telemetry")
                .then()
                .statusCode(200);
    }

    @Test
    void aReadingReachesItsTenantsSubscribersAndNoOneElse() throws Exception {
        String tenant = Tokens.newTenant();
        String other = Tokens.newTenant();
        Client mine = authenticated(Tokens.user(tenant, "viewer"));
        Client wholeTenant = authenticated(Tokens.user(tenant, "operator"));
        Client stranger = authenticated(Tokens.user(other, "admin"));
        subscribe(mine, "telemetry:wh-7");
        subscribe(wholeTenant, "telemetry");
        subscribe(stranger, "telemetry");
        subscribe(stranger, "telemetry:wh-7");

        postReading(tenant, "wh-7");

        await().atMost(Duration.ofSeconds(20)).until(() -> mine.received("event") && wholeTenant.received("event"));
        JsonObject event = mine.messages.stream()
                .filter(m -> "event".equals(m.getString("type")))
                .findFirst()
                .get();
        assertThat(event.getString("channel")).isEqualTo("telemetry:wh-7");
        assertThat(event.getJsonObject("event").getString("tenant")).isEqualTo(tenant);
        assertThat(event.getJsonObject("event").getString("subject")).isEqualTo("wh-7");
        // The other tenant's client follows the same channels and gets nothing, even later.
        postReading(tenant, "wh-7");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mine.messages.stream()
                                .filter(m -> "event".equals(m.getString("type")))
                                .count()
                        == 2);
        assertThat(stranger.received("event")).isFalse();
    }

    @Test
    void unsubscribingStopsTheFlow() throws Exception {
        String tenant = Tokens.newTenant();
        Client client = authenticated(Tokens.user(tenant, "viewer"));
        subscribe(client, "telemetry:wh-8");
        client.send(new JsonObject().put("type", "unsubscribe").put("channel", "telemetry:wh-8"));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.received("unsubscribed"));
        Client witness = authenticated(Tokens.user(tenant, "viewer"));
        subscribe(witness, "telemetry:wh-8");
        postReading(tenant, "wh-8");
        await().atMost(Duration.ofSeconds(20)).until(() -> witness.received("event"));
        assertThat(client.received("event")).isFalse();
    }

    @Test
    void aClientMustAuthenticateFirstWithAValidToken() throws Exception {
        Client first = connect();
        first.send(new JsonObject().put("type", "subscribe").put("channel", "telemetry"));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.closeCode != null);
        assertThat(first.closeCode).isEqualTo((short) 4401);

        Client bad = connect();
        bad.send(new JsonObject().put("type", "auth").put("token", Tokens.expired(Tokens.newTenant())));
        await().atMost(Duration.ofSeconds(10)).until(() -> bad.closeCode != null);
        assertThat(bad.closeCode).isEqualTo((short) 4401);

        Client garbage = connect();
        garbage.socket.writeTextMessage("not json");
        await().atMost(Duration.ofSeconds(10)).until(() -> garbage.closeCode != null);
        assertThat(garbage.closeCode).isEqualTo((short) 4400);
    }

    @Test
    void aDeviceFollowsOnlyItself() throws Exception {
        String tenant = Tokens.newTenant();
        Client device = authenticated(Tokens.device(tenant, "wh-9"));
        subscribe(device, "commands:wh-9");
        device.send(new JsonObject().put("type", "subscribe").put("channel", "commands:wh-10"));
        device.send(new JsonObject().put("type", "subscribe").put("channel", "telemetry"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> device.messages.stream()
                                .filter(m -> "error".equals(m.getString("type")))
                                .count()
                        == 2);
    }

    @Test
    void unknownChannelsAreRefused() throws Exception {
        Client client = authenticated(Tokens.user(Tokens.newTenant(), "viewer"));
        client.send(new JsonObject().put("type", "subscribe").put("channel", "secrets"));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.received("error"));
    }
}
