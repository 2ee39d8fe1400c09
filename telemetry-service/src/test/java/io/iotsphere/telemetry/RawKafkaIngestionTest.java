package io.iotsphere.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotsphere.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Raw device payloads on {@code telemetry-raw}: key = device id, header {@code tenant}. */
@QuarkusTest
class RawKafkaIngestionTest {

    @Test
    void aRawRecordIsIngestedLikeADeviceMessage() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "HydroMax");

        Fleet.send(Topics.TELEMETRY_RAW, device, bytes("{\"values\": {\"elementKw\": 3.2}}"), Map.of("tenant", tenant));

        Api.awaitLatest(tenant, device, "element_power", 3200);
    }

    @Test
    void recordsWithoutTenantOrWithBadReadingsAreDeadLettered() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        String anonymous = Fleet.newDevice("anon");

        Fleet.send(Topics.TELEMETRY_RAW, anonymous, bytes("{\"values\": {\"pressure\": 1}}"), Map.of());
        Fleet.send(
                Topics.TELEMETRY_RAW, device, bytes("{\"values\": {\"heating\": \"on\"}}"), Map.of("tenant", tenant));

        String dlq = Topics.dlq(Topics.TELEMETRY_READINGS);
        Fleet.Received noTenant =
                Fleet.awaitRecord(dlq, r -> anonymous.equals(r.headers().get("device-id")));
        assertThat(noTenant.headers().get("dead-letter-reason"))
                .isEqualTo("the record names no valid tenant (header 'tenant')");
        assertThat(noTenant.headers().get("dead-letter-topic")).endsWith(Topics.TELEMETRY_RAW);
        Fleet.Received invalid =
                Fleet.awaitRecord(dlq, r -> device.equals(r.headers().get("device-id")));
        assertThat(invalid.headers().get("dead-letter-reason"))
                .endsWith("/values/heating: 'heating' is a boolean: true or false (or 1/0), not the string \"on\"");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
