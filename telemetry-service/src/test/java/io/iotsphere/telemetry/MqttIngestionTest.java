package io.iotsphere.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.iotsphere.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Ingestion from Mosquitto, with {@code mosquitto_pub} as a real device client: valid readings are stored, the others
 * go to {@code telemetry-readings.dlq} with the reason, what they were and whose they were.
 */
@QuarkusTest
class MqttIngestionTest {

    static final String DLQ = Topics.dlq(Topics.TELEMETRY_READINGS);

    @Test
    void aDevicesMessageIsConvertedAndStored() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "HydroMax");

        publish(tenant, device, "{\"values\": {\"tankTempF\": 131, \"pressurePsi\": 40}}");

        JsonPath latest = Api.awaitLatest(tenant, device, "tank_temperature", 55.0);
        assertThat(latest.getDouble("values.pressure.value")).isCloseTo(275.79, within(0.01));
    }

    @Test
    void validReadingsOfABatchAreStoredAndTheInvalidOneIsDeadLetteredAlone() throws Exception {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        Instant t1 = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS);

        publish(tenant, device, """
                {"readings": [{"ts": "%s", "values": {"pressure": 410}},
                              {"ts": "%s", "values": {"pressure": 9999}}]}""".formatted(t1, t1.plusSeconds(1)));

        Api.awaitLatest(tenant, device, "pressure", 410);
        Fleet.Received dead =
                Fleet.awaitRecord(DLQ, r -> device.equals(r.headers().get("device-id")));
        assertThat(dead.headers().get("tenant")).isEqualTo(tenant);
        assertThat(dead.headers().get("dead-letter-topic"))
                .isEqualTo("mqtt:iotsphere/" + tenant + "/devices/" + device + "/telemetry");
        assertThat(dead.headers().get("dead-letter-reason"))
                .isEqualTo("1 of 2 readings rejected (the others were accepted): /readings/1/values/pressure: 9999 is"
                        + " above the maximum 1200 kPa of 'pressure'");
        JsonPath rejected = JsonPath.from(dead.value());
        assertThat(rejected.getList("readings")).hasSize(1);
        assertThat(rejected.getDouble("readings[0].values.pressure")).isEqualTo(9999.0);
        assertThat(Instant.parse(rejected.getString("readings[0].ts"))).isEqualTo(t1.plusSeconds(1));
    }

    @Test
    void messagesOfUnknownDevicesOrUnreadablePayloadsAreDeadLetteredWithTheReason() throws Exception {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        String stranger = Fleet.newDevice("ghost");

        publish(tenant, stranger, "{\"values\": {\"pressure\": 1}}");
        publish(tenant, device, "not json at all");
        publish("Not_A_Tenant", device, "{\"values\": {\"pressure\": 1}}");

        Fleet.Received unknown =
                Fleet.awaitRecord(DLQ, r -> stranger.equals(r.headers().get("device-id")));
        assertThat(unknown.headers().get("dead-letter-reason"))
                .isEqualTo("no device '" + stranger + "' in this tenant");
        assertThat(unknown.value()).isEqualTo("{\"values\": {\"pressure\": 1}}");
        Fleet.Received unreadable = Fleet.awaitRecord(
                DLQ,
                r -> device.equals(r.headers().get("device-id"))
                        && tenant.equals(r.headers().get("tenant")));
        assertThat(unreadable.headers().get("dead-letter-reason"))
                .startsWith("the payload is not a device payload: /: not valid JSON");
        assertThat(unreadable.value()).isEqualTo("not json at all");
        Fleet.Received noTenant = Fleet.awaitRecord(
                DLQ, r -> r.headers().getOrDefault("dead-letter-topic", "").contains("/Not_A_Tenant/"));
        assertThat(noTenant.headers().get("dead-letter-reason")).isEqualTo("the topic names no valid tenant");
    }

    static void publish(String tenant, String device, String payload) {
        String host = ConfigProvider.getConfig().getValue("iotsphere.mqtt.host", String.class);
        String port = ConfigProvider.getConfig().getValue("iotsphere.mqtt.port", String.class);
        try {
            Process process = new ProcessBuilder(
                            "mosquitto_pub",
                            "-h",
                            host,
                            "-p",
                            port,
                            "-q",
                            "1",
                            "-i",
                            "test-" + device,
                            "-t",
                            "iotsphere/" + tenant + "/devices/" + device + "/telemetry",
                            "-m",
                            payload)
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("mosquitto_pub failed: "
                        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("mosquitto_pub cannot run (apt-get install mosquitto-clients)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
