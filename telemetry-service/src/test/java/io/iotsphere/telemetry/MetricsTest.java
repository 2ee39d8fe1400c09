package io.iotsphere.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The business metrics operators watch, under their Prometheus names. */
@QuarkusTest
class MetricsTest {

    @Test
    void ingestionRejectionsAndTheStoreAreMeasured() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        double ingested = value("iotsphere_telemetry_readings_ingested_total{channel=\"http\"}");
        double rejected =
                value("iotsphere_telemetry_readings_rejected_total{channel=\"http\",reason=\"invalid_reading\"}");
        double stored = value("iotsphere_telemetry_readings_stored_total");

        Api.accepted(
                tenant,
                device,
                "{\"readings\": [{\"ts\": \"" + Instant.now().minusSeconds(5) + "\", \"values\": {\"pressure\": 1}}]}");
        Api.post(tenant, device, "{\"values\": {\"pressure\": -1}}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(value("iotsphere_telemetry_readings_ingested_total{channel=\"http\"}"))
                    .isGreaterThanOrEqualTo(ingested + 1);
            assertThat(value(
                            "iotsphere_telemetry_readings_rejected_total{channel=\"http\",reason=\"invalid_reading\"}"))
                    .isGreaterThanOrEqualTo(rejected + 1);
            assertThat(value("iotsphere_telemetry_readings_stored_total")).isGreaterThanOrEqualTo(stored + 1);
        });
        String metrics = metrics();
        assertThat(metrics)
                .contains("iotsphere_telemetry_store_write_seconds_bucket")
                .contains("iotsphere_telemetry_store_batch_readings_bucket")
                .contains("iotsphere_telemetry_store_delay_seconds_bucket")
                .contains("iotsphere_telemetry_readings_duplicates_total")
                .contains("iotsphere_telemetry_rollup_lag_seconds");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> metrics()
                        .replace(",}", "}")
                        .contains("iotsphere_telemetry_consumer_lag_records{channel=\"store\"}"));
    }

    private static String metrics() {
        return given().accept("text/plain")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** The value of a sample (name with its labels as Prometheus prints them); 0 when absent. */
    private static double value(String sample) {
        // The exposition format may end a label set with a comma: {channel="http",}
        String text = metrics().replace(",}", "}");
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE)
                .matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
