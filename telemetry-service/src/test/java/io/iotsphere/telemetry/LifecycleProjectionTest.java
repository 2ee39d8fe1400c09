package io.iotsphere.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.device.DeviceStatus;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The projection of devices and device types from {@code device-lifecycle} drives what ingestion accepts. */
@QuarkusTest
class LifecycleProjectionTest {

    @Test
    void aNewerDeviceTypeVersionChangesTheFieldsAndAnOlderOneIsIgnored() {
        String type = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        Fleet.publishType(type, 2, List.of(Fleet.number("alpha", "°C", 0, 10)));
        Fleet.publishType(type, 1, List.of(Fleet.number("beta", "°C", 0, 10)));
        String tenant = Fleet.newTenant();
        String device = Fleet.newDevice("probe");
        Fleet.register(tenant, device, type, "AquaTherm");
        Fleet.awaitKnown(tenant, device);

        Api.accepted(tenant, device, "{\"values\": {\"alpha\": 5}}");
        Api.post(tenant, device, "{\"values\": {\"beta\": 5}}").then().statusCode(400);

        Fleet.publishType(type, 3, List.of(Fleet.number("alpha", "°C", 0, 10), Fleet.number("beta", "°C", 0, 20)));
        awaitStatus(tenant, device, "{\"values\": {\"beta\": 15}}", 202);
    }

    @Test
    void aManufacturerChangeSwitchesTheTransformer() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        Api.post(tenant, device, "{\"values\": {\"tankTempF\": 120}}").then().statusCode(400);

        Fleet.update(tenant, device, Fleet.WATER_HEATER, "HydroMax", DeviceStatus.ACTIVE);

        awaitStatus(tenant, device, "{\"values\": {\"tankTempF\": 122}}", 202);
        Api.awaitLatest(tenant, device, "tank_temperature", 50);
    }

    @Test
    void aDeviceOfATypeNotInTheCatalogYetIsRefusedWithConflict() {
        String tenant = Fleet.newTenant();
        String device = Fleet.newDevice("early");
        Fleet.catalog();
        Fleet.register(tenant, device, "not-yet-" + UUID.randomUUID().toString().substring(0, 6), "AquaTherm");

        awaitStatus(tenant, device, "{\"values\": {\"x\": 1}}", 409);
        assertThat(Api.post(tenant, device, "{\"values\": {\"x\": 1}}")
                        .jsonPath()
                        .getString("detail"))
                .contains("is not in the device type catalog yet");
    }

    @Test
    void eventsThatDoNotConformGoToTheDeadLetterTopicWithTheReason() {
        String device = Fleet.newDevice("bad");
        String platformWideDevice = """
                {"specversion": "1.0", "id": "%s", "source": "/iotsphere/device-registry-service",
                 "type": "io.iotsphere.device.registered.v1", "time": "%s", "subject": "%s", "tenant": "*",
                 "datacontenttype": "application/json",
                 "data": {"deviceId": "%s", "deviceType": "water-heater", "simulated": false, "registeredAt": "%s"}}""".formatted(UUID.randomUUID(), Instant.now(), device, device, Instant.now());
        Fleet.send(Topics.DEVICE_LIFECYCLE, device, platformWideDevice.getBytes(StandardCharsets.UTF_8), Map.of());
        String broken = Fleet.newDevice("broken");
        Fleet.send(Topics.DEVICE_LIFECYCLE, broken, "{\"specversion\": ".getBytes(StandardCharsets.UTF_8), Map.of());

        String dlq = Topics.dlq(Topics.DEVICE_LIFECYCLE);
        assertThat(Fleet.awaitRecord(dlq, r -> device.equals(r.key())).headers().get("dead-letter-reason"))
                .contains("a device event belongs to one tenant, not '*'");
        assertThat(Fleet.awaitRecord(dlq, r -> broken.equals(r.key())).headers().get("dead-letter-reason"))
                .contains("not valid JSON");
    }

    private static void awaitStatus(String tenant, String device, String body, int status) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Api.post(tenant, device, body).statusCode() == status);
    }
}
