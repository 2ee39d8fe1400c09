package io.iotsphere.command;

import static io.iotsphere.command.Fixtures.awaitStatus;
import static io.iotsphere.command.Fixtures.device;
import static io.iotsphere.command.Fixtures.newTenant;
import static io.iotsphere.command.Fixtures.sendOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * After a restart, non-terminal commands resume from what the database holds: nothing stays SENT, nothing QUEUED for
 * an online device. The rows are left as an instance that crashed at that moment would have left them (written
 * directly, behind the running service's back), and the running service, which never saw them in memory, must move
 * them on.
 */
@QuarkusTest
class RecoveryTest {

    @Test
    void aCommandLeftSentByACrashedInstanceTimesOutAndIsRetried() throws Exception {
        String tenant = newTenant();
        try (MqttDevice heater = new MqttDevice(tenant, "wh-1")) {
            device(tenant, "wh-1", "water-heater", true);
            UUID id = UUID.randomUUID();
            Instant sent = Instant.now().minusSeconds(120);
            insert(id, tenant, "wh-1", "SENT", 1, sent, sent.plusSeconds(30));
            awaitStatus(tenant, "wh-1", id.toString(), "SENT");
            await().atMost(Duration.ofSeconds(20)).until(() -> heater.commands().size() == 1);
            assertThat(heater.commands().get(0).getString("commandId")).isEqualTo(id.toString());
            assertThat(heater.commands().get(0).getInteger("attempt")).isEqualTo(2);
            heater.answer(id.toString(), "completed", null, null);
            awaitStatus(tenant, "wh-1", id.toString(), "SUCCEEDED");
            Fixtures.get(tenant, "wh-1", id.toString())
                    .body("transitions.to", contains("SENT", "TIMED_OUT", "SENT", "SUCCEEDED"));
        }
    }

    @Test
    void commandsLeftQueuedForAnOnlineDeviceAreSentInOrder() throws Exception {
        String tenant = newTenant();
        try (MqttDevice heater = new MqttDevice(tenant, "wh-1")) {
            device(tenant, "wh-1", "water-heater", true);
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            insert(first, tenant, "wh-1", "QUEUED", 0, null, null);
            insert(second, tenant, "wh-1", "QUEUED", 0, null, null);
            await().atMost(Duration.ofSeconds(20)).until(() -> heater.commands().size() == 2);
            assertThat(heater.commands())
                    .extracting(c -> c.getString("commandId"))
                    .containsExactly(first.toString(), second.toString());
            awaitStatus(tenant, "wh-1", second.toString(), "SENT");
        }
    }

    @Test
    void aCommandCreatedBeforeARestartIsStillAnsweredAfterIt() {
        String tenant = newTenant();
        device(tenant, "wh-1", "water-heater", true);
        String id = sendOk(tenant, "wh-1", Map.of("name", "reset", "timeoutSeconds", 600));
        awaitStatus(tenant, "wh-1", id, "SENT");
        // What survives a restart is the row: an answer over HTTP finds it and completes it.
        Fixtures.asDevice(tenant, "wh-1")
                .body(Map.of("status", "completed"))
                .post("/api/v1/devices/wh-1/commands/" + id + "/result")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"));
    }

    /** A command row (and its last transition) as an instance would have written it before crashing. */
    static void insert(
            UUID id, String tenant, String deviceId, String status, int attempt, Instant sent, Instant deadline)
            throws Exception {
        Timestamp now = Timestamp.from(Instant.now().minusSeconds(300));
        Database.update(
                "INSERT INTO commands (id, tenant, device_id, device_type, name, params, status, attempt, max_retries,"
                        + " timeout_seconds, created_by, created_at, updated_at, sent_at, deadline)"
                        + " VALUES (?, ?, ?, 'water-heater', 'reset', '{}'::jsonb, ?, ?, 2, 30, 'crashed', ?, ?, ?, ?)",
                id,
                tenant,
                deviceId,
                status,
                attempt,
                now,
                now,
                sent == null ? null : Timestamp.from(sent),
                deadline == null ? null : Timestamp.from(deadline));
        Database.update(
                "INSERT INTO command_transitions (command_id, from_status, to_status, attempt, at) VALUES (?, NULL, ?, ?, ?)",
                id,
                status,
                attempt,
                now);
    }
}
