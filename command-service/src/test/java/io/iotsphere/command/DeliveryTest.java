package io.iotsphere.command;

import static io.iotsphere.command.Fixtures.as;
import static io.iotsphere.command.Fixtures.asDevice;
import static io.iotsphere.command.Fixtures.awaitStatus;
import static io.iotsphere.command.Fixtures.device;
import static io.iotsphere.command.Fixtures.newTenant;
import static io.iotsphere.command.Fixtures.sendOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.EventValidator;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.command.CommandResult;
import io.iotsphere.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Delivery end to end against the real broker and Kafka: dispatch over MQTT and on device-commands, results over MQTT,
 * Kafka and HTTP, each transition published on command-status; offline devices get their commands in order once
 * online; duplicate and late results change nothing.
 */
@QuarkusTest
class DeliveryTest {

    static final EventValidator CONTRACT = new EventValidator();

    @Test
    void aCommandGoesQueuedSentDeliveredSucceededOverMqtt() {
        String tenant = newTenant();
        try (MqttDevice heater = new MqttDevice(tenant, "wh-1")) {
            device(tenant, "wh-1", "water-heater", true);
            String id = sendOk(
                    tenant, "wh-1", Map.of("name", "set_mode", "params", Map.of("mode", "heat"), "timeoutSeconds", 20));
            await().atMost(Duration.ofSeconds(20)).until(() -> heater.commands().size() == 1);
            JsonObject received = heater.commands().get(0);
            assertThat(received.getString("commandId")).isEqualTo(id);
            assertThat(received.getString("deviceId")).isEqualTo("wh-1");
            assertThat(received.getString("name")).isEqualTo("set_mode");
            assertThat(received.getJsonObject("params").getString("mode")).isEqualTo("heat");
            assertThat(received.getInteger("attempt")).isEqualTo(1);
            assertThat(received.getInteger("timeoutSeconds")).isEqualTo(20);
            awaitStatus(tenant, "wh-1", id, "SENT");

            heater.answer(id, "acknowledged", null, null);
            awaitStatus(tenant, "wh-1", id, "DELIVERED");
            heater.answer(id, "completed", new JsonObject().put("mode", "heat"), null);
            awaitStatus(tenant, "wh-1", id, "SUCCEEDED");

            Fixtures.get(tenant, "wh-1", id)
                    .body("result.mode", equalTo("heat"))
                    .body("transitions.to", contains("QUEUED", "SENT", "DELIVERED", "SUCCEEDED"))
                    .body("transitions.attempt", contains(0, 1, 1, 1));

            List<ConsumerRecord<String, String>> changes = statusEvents(id, 4);
            assertThat(changes).extracting(r -> r.key()).containsOnly("wh-1");
            assertThat(changes)
                    .extracting(r -> to(r.value()))
                    .containsExactly("QUEUED", "SENT", "DELIVERED", "SUCCEEDED");
            changes.forEach(r -> assertThat(CONTRACT.validate(r.value())).isEmpty());
            var dispatched = KafkaTestClient.awaitRecords(
                    Topics.DEVICE_COMMANDS, KafkaTestClient.containing(id), Duration.ofSeconds(10));
            assertThat(dispatched).hasSize(1);
            assertThat(dispatched.get(0).key()).isEqualTo("wh-1");
            assertThat(dispatched.get(0).value()).contains(EventTypes.COMMAND_DISPATCHED, "\"tenant\":\"" + tenant);
            assertThat(CONTRACT.validate(dispatched.get(0).value())).isEmpty();
        }
    }

    @Test
    void aFailureReportedByTheDeviceEndsTheCommandWithItsError() {
        String tenant = newTenant();
        try (MqttDevice heater = new MqttDevice(tenant, "wh-1")) {
            device(tenant, "wh-1", "water-heater", true);
            String id = sendOk(tenant, "wh-1", Map.of("name", "reset"));
            await().atMost(Duration.ofSeconds(20)).until(() -> heater.commands().size() == 1);
            heater.answer(id, "failed", null, "element fault");
            awaitStatus(tenant, "wh-1", id, "FAILED");
            Fixtures.get(tenant, "wh-1", id)
                    .body("error", equalTo("element fault"))
                    .body("reason", equalTo("device: element fault"))
                    .body("transitions.to", contains("QUEUED", "SENT", "FAILED"));
        }
    }

    @Test
    void anOfflineDeviceGetsItsCommandsInOrderOnceOnline() {
        String tenant = newTenant();
        try (MqttDevice machine = new MqttDevice(tenant, "vm-1")) {
            device(tenant, "vm-1", "vending-machine", false);
            String first = sendOk(tenant, "vm-1", Map.of("name", "restock_ack", "params", Map.of("slot", "A1")));
            String second =
                    sendOk(tenant, "vm-1", Map.of("name", "set_price", "params", Map.of("slot", "A1", "price", 2.5)));
            String third = sendOk(tenant, "vm-1", Map.of("name", "restock_ack"));
            as(tenant, "viewer")
                    .get("/api/v1/devices/vm-1/commands?status=QUEUED")
                    .then()
                    .body("total", equalTo(3));
            assertThat(machine.commands()).isEmpty();

            Fixtures.presence(tenant, "vm-1", true);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> machine.commands().size() == 3);
            assertThat(machine.commands())
                    .extracting(c -> c.getString("commandId"))
                    .containsExactly(first, second, third);
            awaitStatus(tenant, "vm-1", third, "SENT");

            // Offline again: a new command waits; an older presence event (out of order) changes nothing.
            Fixtures.presence(tenant, "vm-1", false);
            await().atMost(Duration.ofSeconds(20)).until(() -> !Database.online(tenant, "vm-1"));
            String fourth = sendOk(tenant, "vm-1", Map.of("name", "restock_ack"));
            Fixtures.get(tenant, "vm-1", fourth).body("status", equalTo("QUEUED"));
        }
    }

    @Test
    void resultsOnKafkaAndDuplicatesAndLateResultsChangeNothing() throws Exception {
        String tenant = newTenant();
        try (MqttDevice heater = new MqttDevice(tenant, "wh-1")) {
            device(tenant, "wh-1", "water-heater", true);
            String id = sendOk(tenant, "wh-1", Map.of("name", "reset"));
            await().atMost(Duration.ofSeconds(20)).until(() -> heater.commands().size() == 1);
            kafkaResult(tenant, "wh-1", EventTypes.COMMAND_ACKNOWLEDGED, id, null);
            awaitStatus(tenant, "wh-1", id, "DELIVERED");
            kafkaResult(tenant, "wh-1", EventTypes.COMMAND_ACKNOWLEDGED, id, null);
            kafkaResult(tenant, "wh-1", EventTypes.COMMAND_COMPLETED, id, null);
            awaitStatus(tenant, "wh-1", id, "SUCCEEDED");
            // Late and duplicate results after the end: over MQTT, Kafka and HTTP.
            heater.answer(id, "completed", null, null);
            heater.answer(id, "failed", null, "too late");
            kafkaResult(tenant, "wh-1", EventTypes.COMMAND_FAILED, id, "too late");
            asDevice(tenant, "wh-1")
                    .body(Map.of("status", "failed", "error", "too late"))
                    .post("/api/v1/devices/wh-1/commands/" + id + "/result")
                    .then()
                    .statusCode(409);
            // A result naming another tenant's command, or another device's, is not applied.
            kafkaResult(newTenant(), "wh-1", EventTypes.COMMAND_FAILED, id, "not yours");
            kafkaResult(tenant, "wh-2", EventTypes.COMMAND_FAILED, id, "not yours");
            // Once everything published before has been consumed (a marker command's results, sent after them on
            // both channels, are applied), nothing moved.
            String marker = sendOk(tenant, "wh-1", Map.of("name", "reset"));
            await().atMost(Duration.ofSeconds(20)).until(() -> heater.commands().size() == 2);
            heater.answer(marker, "acknowledged", null, null);
            awaitStatus(tenant, "wh-1", marker, "DELIVERED");
            kafkaResult(tenant, "wh-1", EventTypes.COMMAND_COMPLETED, marker, null);
            awaitStatus(tenant, "wh-1", marker, "SUCCEEDED");
            Fixtures.get(tenant, "wh-1", id)
                    .body("status", equalTo("SUCCEEDED"))
                    .body("error", org.hamcrest.Matchers.nullValue())
                    .body("transitions.to", contains("QUEUED", "SENT", "DELIVERED", "SUCCEEDED"));
        }
    }

    @Test
    void aDeviceReportsOverHttpForItsOwnCommandsOnly() {
        String tenant = newTenant();
        device(tenant, "wh-1", "water-heater", true);
        device(tenant, "wh-2", "water-heater", true);
        String id = sendOk(tenant, "wh-1", Map.of("name", "reset"));
        awaitStatus(tenant, "wh-1", id, "SENT");
        asDevice(tenant, "wh-2")
                .body(Map.of("status", "completed"))
                .post("/api/v1/devices/wh-1/commands/" + id + "/result")
                .then()
                .statusCode(404);
        asDevice(tenant, "wh-2")
                .body(Map.of("status", "completed"))
                .post("/api/v1/devices/wh-2/commands/" + id + "/result")
                .then()
                .statusCode(404);
        as(tenant, "operator")
                .body(Map.of("status", "completed"))
                .post("/api/v1/devices/wh-1/commands/" + id + "/result")
                .then()
                .statusCode(403);
        asDevice(tenant, "wh-1")
                .body(Map.of("status", "done"))
                .post("/api/v1/devices/wh-1/commands/" + id + "/result")
                .then()
                .statusCode(400)
                .body(containsString("acknowledged, completed or failed"));
        asDevice(tenant, "wh-1")
                .body(Map.of("status", "completed", "result", Map.of("ok", true)))
                .post("/api/v1/devices/wh-1/commands/" + id + "/result")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("result.ok", equalTo(true));
        // Repeated: answered like the first, nothing changes.
        asDevice(tenant, "wh-1")
                .body(Map.of("status", "completed"))
                .post("/api/v1/devices/wh-1/commands/" + id + "/result")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUCCEEDED"));
        // The device reads its own commands, not another's.
        asDevice(tenant, "wh-1")
                .get("/api/v1/devices/wh-1/commands/" + id)
                .then()
                .statusCode(200);
        asDevice(tenant, "wh-2")
                .get("/api/v1/devices/wh-1/commands/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void malformedResultsAndEventsGoToTheDeadLetterTopics() {
        String tenant = newTenant();
        try (MqttDevice heater = new MqttDevice(tenant, "wh-1")) {
            heater.publishRaw(
                    heater.topic("commands/results"), "{\"status\":\"completed\",\"mark\":\"" + tenant + "\"}");
            var rejected = KafkaTestClient.awaitRecords(
                    Topics.dlq(Topics.COMMAND_RESULTS), KafkaTestClient.containing(tenant), Duration.ofSeconds(20));
            assertThat(KafkaTestClient.header(rejected.get(0), "dead-letter-reason"))
                    .contains("commandId");
            assertThat(KafkaTestClient.header(rejected.get(0), "dead-letter-mqtt-topic"))
                    .isEqualTo(heater.topic("commands/results"));
        }
        Fixtures.send(Topics.COMMAND_RESULTS, "x", "{\"type\":\"nope\",\"mark\":\"" + tenant + "\"}");
        var badResult = KafkaTestClient.awaitRecords(
                Topics.dlq(Topics.COMMAND_RESULTS), KafkaTestClient.containing("nope", tenant), Duration.ofSeconds(20));
        assertThat(KafkaTestClient.header(badResult.get(0), "dead-letter-reason"))
                .contains("invalid event");
        Fixtures.send(Topics.DEVICE_LIFECYCLE, "x", "{\"mark\":\"" + tenant + "\"}");
        var badLifecycle = KafkaTestClient.awaitRecords(
                Topics.dlq(Topics.DEVICE_LIFECYCLE), KafkaTestClient.containing(tenant), Duration.ofSeconds(20));
        assertThat(KafkaTestClient.header(badLifecycle.get(0), "dead-letter-reason"))
                .contains("invalid event");
    }

    static void kafkaResult(String tenant, String deviceId, String type, String commandId, String error)
            throws Exception {
        CloudEvent<CommandResult> event = CloudEvent.of(
                Sources.SIMULATOR,
                type,
                deviceId,
                tenant,
                new CommandResult(commandId, deviceId, null, error, Instant.now()));
        Fixtures.send(Topics.COMMAND_RESULTS, deviceId, Fixtures.JSON.writeValueAsString(event));
    }

    static List<ConsumerRecord<String, String>> statusEvents(String commandId, int count) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> KafkaTestClient.records(Topics.COMMAND_STATUS).stream()
                                .filter(KafkaTestClient.containing(commandId))
                                .count()
                        >= count);
        return KafkaTestClient.records(Topics.COMMAND_STATUS).stream()
                .filter(KafkaTestClient.containing(commandId))
                .toList();
    }

    static String to(String json) {
        return new JsonObject(json).getJsonObject("data").getString("to");
    }
}
