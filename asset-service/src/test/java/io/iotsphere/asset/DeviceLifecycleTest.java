package io.iotsphere.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.device.DeviceStatus;
import io.iotsphere.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Devices of the registry become assets; their events are applied once, in order, and only when newer. */
@QuarkusTest
class DeviceLifecycleTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    static void awaitAsset(String tenant, String id, String field, Object value) {
        await().atMost(WAIT)
                .untilAsserted(() -> Api.getAsset(tenant, id).statusCode(200).body(field, equalTo(value)));
    }

    @Test
    void aRegisteredWaterHeaterBecomesAnAssetWithWhatTheEventCarries() {
        String tenant = Api.newTenant();
        Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
        Events.lifecycle(Events.registered(tenant, "wh-r1", "water-heater", "Basement", "AquaTherm", "AT-50", t1));
        awaitAsset(tenant, "wh-r1", "deviceLinked", true);
        Api.getAsset(tenant, "wh-r1")
                .body("type", equalTo("water-heater"))
                .body("name", equalTo("Basement"))
                .body("manufacturer", equalTo("AquaTherm"))
                .body("model", equalTo("AT-50"))
                .body("serialNumber", equalTo("SN-wh-r1"))
                .body("tags", equalTo(List.of("fleet-a")))
                .body("attributes.firmware", equalTo("1.2.3"))
                .body("status", equalTo("active"))
                .body("version", equalTo(0));
    }

    @Test
    void anEventSeenTwiceOrOutOfDateChangesNothing() {
        String tenant = Api.newTenant();
        Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
        CloudEvent<?> registered = Events.registered(tenant, "wh-i1", "water-heater", "A", "AquaTherm", "AT", t1);
        String json = Events.lifecycle(registered);
        awaitAsset(tenant, "wh-i1", "name", "A");

        // The same record again (a redelivery), then an update: only the update counts.
        KafkaTestClient.send(Topics.DEVICE_LIFECYCLE, "wh-i1", json);
        Events.lifecycle(Events.updated(
                tenant, "wh-i1", "water-heater", "B", "AquaTherm", DeviceStatus.ACTIVE, t1.plusSeconds(60)));
        awaitAsset(tenant, "wh-i1", "name", "B");
        Api.getAsset(tenant, "wh-i1").body("version", equalTo(1)).body("tags", equalTo(List.of("fleet-b")));

        // An older update arriving late is skipped; the next newer one applies.
        Events.lifecycle(
                Events.updated(tenant, "wh-i1", "water-heater", "C", "Old", DeviceStatus.ACTIVE, t1.plusSeconds(30)));
        Events.lifecycle(Events.updated(
                tenant, "wh-i1", "water-heater", "D", "HydroMax", DeviceStatus.ACTIVE, t1.plusSeconds(120)));
        awaitAsset(tenant, "wh-i1", "name", "D");
        Api.getAsset(tenant, "wh-i1").body("version", equalTo(2)).body("manufacturer", equalTo("HydroMax"));
    }

    @Test
    void usersEnrichButTheRegistryKeepsItsFields() {
        String tenant = Api.newTenant();
        Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
        Events.lifecycle(Events.registered(tenant, "wh-e1", "water-heater", "A", "AquaTherm", "AT", t1));
        awaitAsset(tenant, "wh-e1", "deviceLinked", true);

        Api.operator(tenant)
                .body(Map.of("installDate", "2021-03-04", "waterHeater", Map.of("tankCapacityLitres", 190)))
                .patch("/api/v1/assets/wh-e1")
                .then()
                .statusCode(200);
        Api.operator(tenant)
                .body(Map.of("manufacturer", "Other"))
                .patch("/api/v1/assets/wh-e1")
                .then()
                .statusCode(409)
                .body("detail", containsString("PATCH /api/v1/devices/wh-e1"));

        Events.lifecycle(Events.updated(
                tenant, "wh-e1", "water-heater", "Renamed", "AquaTherm", DeviceStatus.ONLINE, t1.plusSeconds(5)));
        awaitAsset(tenant, "wh-e1", "name", "Renamed");
        Api.getAsset(tenant, "wh-e1")
                .body("installDate", equalTo("2021-03-04"))
                .body("waterHeater.tankCapacityLitres", equalTo(190.0f));
        Api.operator(tenant).delete("/api/v1/assets/wh-e1").then().statusCode(409);
    }

    @Test
    void aDecommissionedDeviceRetiresItsAssetAndKeepsItsHistory() {
        String tenant = Api.newTenant();
        Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
        Events.lifecycle(Events.registered(tenant, "wh-x1", "water-heater", "A", "AquaTherm", "AT", t1));
        awaitAsset(tenant, "wh-x1", "deviceLinked", true);
        Api.operator(tenant)
                .body(Map.of("performedOn", "2025-06-01", "type", "anode-replacement"))
                .post("/api/v1/assets/wh-x1/maintenance")
                .then()
                .statusCode(201);

        Events.lifecycle(Events.decommissioned(tenant, "wh-x1", "water-heater", t1.plusSeconds(10)));
        awaitAsset(tenant, "wh-x1", "status", "decommissioned");
        Api.getAsset(tenant, "wh-x1").body("decommissionedAt", notNullValue());
        Api.viewer(tenant).get("/api/v1/assets/wh-x1/maintenance").then().body("total", equalTo(1));
        Api.viewer(tenant)
                .get("/api/v1/assets?status=decommissioned")
                .then()
                .body("items.id", equalTo(List.of("wh-x1")));
    }

    @Test
    void anAssetMadeByHandIsLinkedWhenItsDeviceRegisters() {
        String tenant = Api.newTenant();
        Api.createAsset(
                        tenant,
                        Map.of("id", "vm-l1", "type", "vending-machine", "name", "Lobby", "installDate", "2022-02-02"))
                .statusCode(201)
                .body("deviceLinked", equalTo(false));
        Events.lifecycle(Events.registered(
                tenant, "vm-l1", "vending-machine", null, "Vendo", "V-9", Instant.parse("2026-01-01T10:00:00Z")));
        awaitAsset(tenant, "vm-l1", "deviceLinked", true);
        Api.getAsset(tenant, "vm-l1")
                .body("name", equalTo("Lobby"))
                .body("manufacturer", equalTo("Vendo"))
                .body("installDate", equalTo("2022-02-02"));
    }

    @Test
    void devicesOfOtherTypesAreNoAssets() {
        String tenant = Api.newTenant();
        Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
        Events.lifecycle(Events.registered(tenant, "th-1", "thermostat", "T", "Nest", "N", t1));
        // Same key, so same partition: once the second is applied, the first was handled.
        Events.lifecycle(Events.registered(tenant, "th-1", "water-heater", "H", "AquaTherm", "AT", t1.plusSeconds(1)));
        awaitAsset(tenant, "th-1", "name", "H");
        Api.viewer(tenant).get("/api/v1/assets").then().body("total", equalTo(1));
    }

    @Test
    void eventsThatCannotBeAppliedGoToTheDeadLetterTopicWithTheReason() {
        String tenant = Api.newTenant();
        Api.asset(tenant, "clash-1", "vending-machine");
        Events.lifecycle(Events.registered(
                tenant, "clash-1", "water-heater", "H", "AquaTherm", "AT", Instant.parse("2026-01-01T10:00:00Z")));
        var clash = KafkaTestClient.awaitRecords(
                Topics.dlq(Topics.DEVICE_LIFECYCLE), KafkaTestClient.containing("clash-1", tenant), WAIT);
        assertThat(KafkaTestClient.header(clash.get(0), "dead-letter-reason"))
                .contains("is a vending-machine, the device is a water-heater");

        String broken = "{\"specversion\":\"1.0\",\"id\":\"broken-" + tenant + "\",\"source\":\"/iotsphere/x\","
                + "\"type\":\"io.iotsphere.device.registered.v1\",\"time\":\"2026-01-01T10:00:00Z\","
                + "\"tenant\":\"" + tenant + "\",\"datacontenttype\":\"application/json\",\"data\":{\"name\":\"x\"}}";
        KafkaTestClient.send(Topics.DEVICE_LIFECYCLE, "broken", broken);
        var rejected = KafkaTestClient.awaitRecords(
                Topics.dlq(Topics.DEVICE_LIFECYCLE), KafkaTestClient.containing("broken-" + tenant), WAIT);
        assertThat(KafkaTestClient.header(rejected.get(0), "dead-letter-reason"))
                .contains("deviceId");

        // The consumer goes on after rejecting.
        Events.lifecycle(Events.registered(
                tenant, "after-1", "water-heater", "A", "AquaTherm", "AT", Instant.parse("2026-01-01T10:00:00Z")));
        awaitAsset(tenant, "after-1", "deviceLinked", true);
        Api.getAsset(tenant, "clash-1").body("type", equalTo("vending-machine"));
    }
}
