package io.iotsphere.command;

import static io.iotsphere.command.Fixtures.awaitStatus;
import static io.iotsphere.command.Fixtures.device;
import static io.iotsphere.command.Fixtures.newTenant;
import static io.iotsphere.command.Fixtures.sendOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Timeouts, retries and expiry, with the shortest timeout a command may ask for (1 s) and a 200 ms sweep. */
@QuarkusTest
class TimeoutTest {

    @Test
    void anUnansweredCommandIsRetriedThenFails() {
        String tenant = newTenant();
        try (MqttDevice heater = new MqttDevice(tenant, "wh-1")) {
            device(tenant, "wh-1", "water-heater", true);
            String id = sendOk(tenant, "wh-1", Map.of("name", "reset", "timeoutSeconds", 1, "maxRetries", 1));
            awaitStatus(tenant, "wh-1", id, "FAILED");
            Fixtures.get(tenant, "wh-1", id)
                    .body("attempt", equalTo(2))
                    .body("reason", equalTo("no answer after 2 attempt(s)"))
                    .body("transitions.to", contains("QUEUED", "SENT", "TIMED_OUT", "SENT", "TIMED_OUT", "FAILED"))
                    .body("transitions.attempt", contains(0, 1, 1, 2, 2, 2))
                    .body("transitions[2].reason", equalTo("no answer within 1 s (attempt 1)"))
                    .body("transitions[3].reason", equalTo("retry 1 of 1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> heater.commands().size() == 2);
            assertThat(heater.commands())
                    .extracting(c -> c.getString("commandId"))
                    .containsOnly(id);
            assertThat(heater.commands())
                    .extracting(c -> c.getInteger("attempt"))
                    .containsExactly(1, 2);
        }
    }

    @Test
    void withoutRetriesATimeoutFailsAtOnce() {
        String tenant = newTenant();
        device(tenant, "wh-1", "water-heater", true);
        String id = sendOk(tenant, "wh-1", Map.of("name", "reset", "timeoutSeconds", 1, "maxRetries", 0));
        awaitStatus(tenant, "wh-1", id, "FAILED");
        Fixtures.get(tenant, "wh-1", id).body("transitions.to", contains("QUEUED", "SENT", "TIMED_OUT", "FAILED"));
    }

    @Test
    void anAnswerWithinTheRetryIsTaken() {
        String tenant = newTenant();
        try (MqttDevice heater = new MqttDevice(tenant, "wh-1")) {
            device(tenant, "wh-1", "water-heater", true);
            String id = sendOk(tenant, "wh-1", Map.of("name", "reset", "timeoutSeconds", 2, "maxRetries", 3));
            // The device ignores the first attempt and answers the second.
            await().atMost(Duration.ofSeconds(20)).until(() -> heater.commands().size() == 2);
            heater.answer(id, "completed", null, null);
            awaitStatus(tenant, "wh-1", id, "SUCCEEDED");
            Fixtures.get(tenant, "wh-1", id)
                    .body("attempt", equalTo(2))
                    .body("transitions.to", contains("QUEUED", "SENT", "TIMED_OUT", "SENT", "SUCCEEDED"));
        }
    }

    @Test
    void aTimedOutCommandWaitsForItsOfflineDeviceAndALateAnswerIsTaken() {
        String tenant = newTenant();
        try (MqttDevice heater = new MqttDevice(tenant, "wh-1")) {
            device(tenant, "wh-1", "water-heater", true);
            Fixtures.presence(tenant, "wh-1", false);
            await().atMost(Duration.ofSeconds(20)).until(() -> !Database.online(tenant, "wh-1"));
            // Sent while the service still thought the device online would be racy: send now, it waits QUEUED.
            String id = sendOk(tenant, "wh-1", Map.of("name", "reset", "timeoutSeconds", 2, "maxRetries", 2));
            Fixtures.get(tenant, "wh-1", id).body("status", equalTo("QUEUED"));
            Fixtures.presence(tenant, "wh-1", true);
            await().atMost(Duration.ofSeconds(20)).until(() -> heater.commands().size() == 1);
            Fixtures.presence(tenant, "wh-1", false);
            awaitStatus(tenant, "wh-1", id, "TIMED_OUT");
            // Offline: the retry waits, the command stays TIMED_OUT; a late acknowledgement is taken.
            heater.answer(id, "acknowledged", null, null);
            awaitStatus(tenant, "wh-1", id, "DELIVERED");
            heater.answer(id, "completed", null, null);
            awaitStatus(tenant, "wh-1", id, "SUCCEEDED");
            Fixtures.get(tenant, "wh-1", id)
                    .body("attempt", equalTo(1))
                    .body("transitions.to", contains("QUEUED", "SENT", "TIMED_OUT", "DELIVERED", "SUCCEEDED"));
        }
    }

    @Test
    void aCommandNotDeliveredBeforeItsExpiryExpires() {
        String tenant = newTenant();
        device(tenant, "wh-1", "water-heater", false);
        String id = sendOk(
                tenant,
                "wh-1",
                Map.of(
                        "name",
                        "reset",
                        "expiresAt",
                        Instant.now().plusSeconds(1).toString()));
        awaitStatus(tenant, "wh-1", id, "EXPIRED");
        Fixtures.get(tenant, "wh-1", id)
                .body("reason", startsWith("not delivered before "))
                .body("transitions.to", contains("QUEUED", "EXPIRED"));
        // Coming online later sends nothing.
        Fixtures.presence(tenant, "wh-1", true);
        Fixtures.awaitOnline(tenant, "wh-1");
        Fixtures.get(tenant, "wh-1", id).body("status", equalTo("EXPIRED"));
    }
}
