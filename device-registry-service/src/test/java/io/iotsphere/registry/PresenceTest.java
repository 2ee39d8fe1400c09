package io.iotsphere.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.EventValidator;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.iotsphere.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Presence from telemetry: online on a message, offline after the (test: 2 s) silence, announced once per change. */
@QuarkusTest
class PresenceTest {

    static final EventValidator CONTRACT = new EventValidator();

    @Inject
    ObjectMapper mapper;

    void reading(String tenant, String device) throws Exception {
        CloudEvent<TelemetryRecorded> event = CloudEvent.of(
                Sources.TELEMETRY,
                EventTypes.TELEMETRY_RECORDED,
                device,
                tenant,
                new TelemetryRecorded(
                        device,
                        "water-heater",
                        "AquaTherm",
                        List.of(new Reading(Instant.now(), Map.of("setpoint", 55.0)))));
        KafkaTestClient.send(Topics.TELEMETRY_READINGS, device, mapper.writeValueAsString(event));
    }

    static void awaitStatus(String tenant, String device, String status) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Api.as(tenant, "viewer")
                        .get("/api/v1/devices/" + device)
                        .then()
                        .body("status", equalTo(status)));
    }

    @Test
    void aDeviceGoesOnlineWhenHeardFromAndOfflineWhenSilent() throws Exception {
        String tenant = Api.newTenant();
        Api.registerHeater(tenant, "p-1");
        reading(tenant, "p-1");
        reading(tenant, "p-1");
        awaitStatus(tenant, "p-1", "online");
        awaitStatus(tenant, "p-1", "offline");
        reading(tenant, "p-1");
        awaitStatus(tenant, "p-1", "online");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> KafkaTestClient.records(Topics.DEVICE_LIFECYCLE).stream()
                                .filter(KafkaTestClient.containing("presence-changed", "\"" + tenant + "\""))
                                .count()
                        == 3);
        var changes = KafkaTestClient.records(Topics.DEVICE_LIFECYCLE).stream()
                .filter(KafkaTestClient.containing("presence-changed", "\"" + tenant + "\""))
                .toList();
        assertThat(changes)
                .extracting(r -> r.value().contains("\"online\":true"))
                .containsExactly(true, false, true);
        changes.forEach(r -> assertThat(CONTRACT.validate(r.value())).isEmpty());
    }

    @Test
    void aRecordWithoutTenantGoesToTheDeadLetterTopicWithTheReason() {
        KafkaTestClient.send(
                Topics.TELEMETRY_READINGS, "p-x", "{\"subject\":\"p-x\",\"time\":\"2026-01-01T00:00:00Z\"}");
        var rejected = KafkaTestClient.awaitRecords(
                Topics.dlq(Topics.TELEMETRY_READINGS), KafkaTestClient.containing("p-x"), Duration.ofSeconds(20));
        assertThat(KafkaTestClient.header(rejected.get(0), "dead-letter-reason"))
                .contains("tenant");
    }

    @Test
    void readingsOfUnknownDevicesChangeNothing() throws Exception {
        String tenant = Api.newTenant();
        reading(tenant, "ghost");
        Api.registerHeater(tenant, "real");
        reading(tenant, "real");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Api.as(tenant, "viewer")
                        .get("/api/v1/devices?status=online")
                        .then()
                        .body("items.id", equalTo(List.of("real"))));
    }
}
