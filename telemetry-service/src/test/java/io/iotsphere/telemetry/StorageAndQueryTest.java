package io.iotsphere.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.iotsphere.telemetry.service.RollupService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the store makes of readings (duplicates, out-of-order and late readings, a partition boundary) and what the
 * queries answer (raw pages, aggregations stitched from rollups and raw readings, keyed fields, the bucket cap).
 */
@QuarkusTest
class StorageAndQueryTest {

    @Inject
    RollupService rollups;

    @Test
    void aReDeliveredReadingIsStoredOnceAndOnlyAddsMissingMetrics() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        Instant ts = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MICROS);
        String reading = "{\"ts\": \"" + ts + "\", \"values\": {\"pressure\": 300}}";

        Api.accepted(tenant, device, reading);
        Api.accepted(tenant, device, reading);
        Api.accepted(tenant, device, "{\"ts\": \"" + ts + "\", \"values\": {\"pressure\": 999, \"setpoint\": 55}}");

        JsonPath setpoint = Api.awaitSeries(
                tenant,
                device,
                "metric=setpoint&from=" + ts.minusSeconds(1),
                p -> !p.getList("points").isEmpty());
        assertThat(setpoint.getDouble("points[0].value")).isEqualTo(55.0);
        JsonPath pressure = Api.series(tenant, device, "metric=pressure&from=" + ts.minusSeconds(1))
                .jsonPath();
        assertThat(pressure.getList("points.value", Double.class)).containsExactly(300.0);
        assertThat(Api.series(tenant, device, "metric=pressure&interval=1m&agg=count&from=" + ts.minusSeconds(60))
                        .jsonPath()
                        .getList("points.value", Double.class))
                .containsExactly(1.0);
    }

    @Test
    void outOfOrderReadingsAreStoredInTimeOrderAndTheLatestStaysTheNewest() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        Instant t1 = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.MICROS);
        Instant t2 = t1.plusSeconds(60);
        Instant t3 = t2.plusSeconds(60);

        Api.accepted(tenant, device, "{\"ts\": \"" + t3 + "\", \"values\": {\"tank_temperature\": 63}}");
        Api.accepted(tenant, device, "{\"ts\": \"" + t1 + "\", \"values\": {\"tank_temperature\": 61}}");
        Api.accepted(tenant, device, "{\"ts\": \"" + t2 + "\", \"values\": {\"tank_temperature\": 62}}");

        JsonPath points = Api.awaitSeries(
                tenant,
                device,
                "metric=tank_temperature&from=" + t1,
                p -> p.getList("points").size() == 3);
        assertThat(points.getList("points.value", Double.class)).containsExactly(61.0, 62.0, 63.0);
        // The latest values are written apart from the series: wait for them, then check the newest reading won.
        JsonPath latest = Api.awaitLatest(tenant, device, "tank_temperature", 63.0);
        assertThat(Instant.parse(latest.getString("values.tank_temperature.ts")))
                .isEqualTo(t3);
        assertThat(latest.getDouble("values.tank_temperature.value")).isEqualTo(63.0);
    }

    @Test
    void readingsEitherSideOfMidnightLandInTheirDaysPartitionsAndAreQueriedTogether() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        Instant midnight =
                LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant before = midnight.minus(1, ChronoUnit.MICROS);

        Api.accepted(tenant, device, """
                {"readings": [{"ts": "%s", "values": {"pressure": 100}},
                              {"ts": "%s", "values": {"pressure": 200}}]}""".formatted(before, midnight));

        JsonPath points = Api.awaitSeries(
                tenant,
                device,
                "metric=pressure&from=" + midnight.minusSeconds(10) + "&to=" + midnight.plusSeconds(10),
                p -> p.getList("points").size() == 2);
        assertThat(Instant.parse(points.getString("points[0].ts"))).isEqualTo(before);
        assertThat(Instant.parse(points.getString("points[1].ts"))).isEqualTo(midnight);

        List<String> partitions = Database.column(
                "SELECT tableoid::regclass::text FROM telemetry WHERE device_key ="
                        + " (SELECT device_key FROM devices WHERE tenant = ? AND device_id = ?) ORDER BY ts",
                tenant,
                device);
        String day = midnight.toString().substring(0, 10).replace("-", "");
        String dayBefore = before.toString().substring(0, 10).replace("-", "");
        assertThat(partitions).hasSize(2);
        assertThat(partitions.get(0)).endsWith("_" + dayBefore);
        assertThat(partitions.get(1)).endsWith("_" + day);

        // Daily buckets, from the rollups once the late readings are folded in.
        JsonPath daily = awaitRolledUp(
                tenant,
                device,
                "metric=pressure&interval=1d&agg=sum&from=" + midnight.minus(1, ChronoUnit.DAYS) + "&to="
                        + midnight.plus(1, ChronoUnit.DAYS),
                p -> p.getList("points").size() == 2);
        assertThat(daily.getList("points.value", Double.class)).containsExactly(100.0, 200.0);
        assertThat(daily.getList("points.count", Long.class)).containsExactly(1L, 1L);
    }

    @Test
    void aggregationsOverUnalignedRangesCombineRollupsAndRawReadingsExactly() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        Instant start = LocalDate.now(ZoneOffset.UTC).minusDays(2).atTime(10, 0).toInstant(ZoneOffset.UTC);
        List<String> readings = new ArrayList<>();
        for (int i = 0; i <= 24; i++) {
            readings.add("{\"ts\": \"" + start.plus(10L * i, ChronoUnit.MINUTES) + "\", \"values\": {\"flow_rate\": "
                    + i + "}}");
        }
        Api.accepted(tenant, device, "{\"readings\": [" + String.join(",", readings) + "]}");

        // 10:30 to 13:45 by the hour: [10:30, 11:00) and [13:00, 13:45) from raw readings, 11:00-13:00 from rollups.
        String range = "metric=flow_rate&interval=1h&from=" + start.plus(30, ChronoUnit.MINUTES) + "&to="
                + start.plus(225, ChronoUnit.MINUTES);
        JsonPath avg = awaitRolledUp(
                tenant,
                device,
                range + "&agg=avg",
                p -> p.getList("points").size() == 4 && p.getLong("points[1].count") == 6);
        assertThat(avg.getList("points.ts", String.class))
                .containsExactly(
                        start.toString(),
                        start.plus(1, ChronoUnit.HOURS).toString(),
                        start.plus(2, ChronoUnit.HOURS).toString(),
                        start.plus(3, ChronoUnit.HOURS).toString());
        assertThat(avg.getList("points.value", Double.class)).containsExactly(4.0, 8.5, 14.5, 20.0);
        assertThat(avg.getList("points.count", Long.class)).containsExactly(3L, 6L, 6L, 5L);
        assertThat(Api.series(tenant, device, range + "&agg=sum").jsonPath().getList("points.value", Double.class))
                .containsExactly(12.0, 51.0, 87.0, 100.0);
        assertThat(Api.series(tenant, device, range + "&agg=min").jsonPath().getList("points.value", Double.class))
                .containsExactly(3.0, 6.0, 12.0, 18.0);
        assertThat(Api.series(tenant, device, range + "&agg=max").jsonPath().getList("points.value", Double.class))
                .containsExactly(5.0, 11.0, 17.0, 22.0);
        // Buckets are aligned on the interval from the Unix epoch (UTC): 2 h buckets start at even hours.
        JsonPath whole = Api.series(
                        tenant,
                        device,
                        "metric=flow_rate&interval=2h&agg=avg&from=" + start + "&to=" + start.plus(4, ChronoUnit.HOURS))
                .jsonPath();
        assertThat(whole.getList("points.value", Double.class)).containsExactly(5.5, 17.5);
        assertThat(whole.getList("points.count", Long.class)).containsExactly(12L, 12L);
        assertThat(whole.getString("unit")).isEqualTo("L/min");
        assertThat(whole.getString("interval")).isEqualTo("PT2H");
        assertThat(whole.getString("agg")).isEqualTo("avg");
    }

    @Test
    void keyedFieldsAreQueriedPerKeyOrAllKeysTogether() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.VENDING_MACHINE, "AquaVend");
        Instant t1 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        Api.accepted(tenant, device, """
                {"readings": [{"ts": "%s", "values": {"sales.A1": 3, "sales": {"B2": 2}, "door_open": false}},
                              {"ts": "%s", "values": {"sales.A1": 1, "inventory.A1": 7}}]}""".formatted(t1, t1.plusSeconds(60)));

        JsonPath a1 = Api.awaitSeries(
                tenant,
                device,
                "metric=sales.A1&from=" + t1.minusSeconds(1),
                p -> p.getList("points").size() == 2);
        assertThat(a1.getList("points.value", Double.class)).containsExactly(3.0, 1.0);
        JsonPath total = Api.series(
                        tenant,
                        device,
                        "metric=sales&interval=1d&agg=sum&from=" + t1.minusSeconds(1) + "&to=" + t1.plusSeconds(120))
                .jsonPath();
        assertThat(total.getDouble("points[0].value")).isEqualTo(6.0);
        // Readings older than the rolled-up hours reach the latest values once folded into the rollup.
        JsonPath[] found = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    rollups.run().await().atMost(Duration.ofSeconds(30));
                    found[0] = Api.latest(tenant, device);
                    return found[0].getMap("values").size() == 4;
                });
        JsonPath latest = found[0];
        assertThat(latest.getDouble("values.'sales.A1'.value")).isEqualTo(1.0);
        assertThat(latest.getDouble("values.'sales.B2'.value")).isEqualTo(2.0);
        assertThat(latest.getDouble("values.'inventory.A1'.value")).isEqualTo(7.0);
        assertThat(latest.getDouble("values.door_open.value")).isEqualTo(0.0);
        Api.series(tenant, device, "metric=sales")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("metric"));
    }

    @Test
    void queryParametersAreCheckedAndTheBucketCountIsCapped() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");

        badParameter(tenant, device, "from=2026-01-01T00:00:00Z", "metric", "required");
        badParameter(tenant, device, "metric=Tank", "metric", "is not a metric name");
        badParameter(
                tenant, device, "metric=bogus", "metric", "device type 'water-heater' has no telemetry field 'bogus'");
        badParameter(tenant, device, "metric=pressure.A1", "metric", "'pressure' takes no key");
        badParameter(tenant, device, "metric=pressure&from=yesterday", "from", "is not an RFC 3339 date-time");
        badParameter(
                tenant,
                device,
                "metric=pressure&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                "from",
                "must be before 'to'");
        badParameter(tenant, device, "metric=pressure&interval=5x", "interval", "is not an interval");
        badParameter(tenant, device, "metric=pressure&interval=0s", "interval", "is not an interval");
        badParameter(tenant, device, "metric=pressure&interval=PT0.5S", "interval", "whole number of seconds");
        badParameter(tenant, device, "metric=pressure&agg=avg", "agg", "needs an interval");
        badParameter(
                tenant,
                device,
                "metric=pressure&interval=1h&agg=median",
                "agg",
                "is not one of avg, min, max, sum, count");
        badParameter(tenant, device, "metric=pressure&limit=0", "limit", "must be between 1 and 10000");
        badParameter(
                tenant,
                device,
                "metric=pressure&interval=1m&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
                "interval",
                "the range holds 1440 buckets of PT1M, at most 1000 are returned");
        Api.series(tenant, device, "metric=pressure&interval=5m&agg=max").then().statusCode(200);
    }

    @Test
    void rawReadingsArePagedWithNext() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        Instant start = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            readings.add("{\"ts\": \"" + start.plusSeconds(i) + "\", \"values\": {\"pressure\": " + i + "}}");
        }
        Api.accepted(tenant, device, "{\"readings\": [" + String.join(",", readings) + "]}");

        JsonPath first = Api.awaitSeries(
                tenant,
                device,
                "metric=pressure&limit=3&from=" + start,
                p -> p.getList("points").size() == 3 && p.getString("next") != null);
        assertThat(first.getList("points.value", Double.class)).containsExactly(0.0, 1.0, 2.0);
        JsonPath second = Api.series(tenant, device, "metric=pressure&limit=3&from=" + first.getString("next"))
                .jsonPath();
        assertThat(second.getList("points.value", Double.class)).containsExactly(3.0, 4.0);
        assertThat(second.getString("next")).isNull();
    }

    private JsonPath awaitRolledUp(
            String tenant, String device, String query, java.util.function.Predicate<JsonPath> done) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    rollups.run().await().atMost(Duration.ofSeconds(30));
                    last[0] = Api.series(tenant, device, query)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    return done.test(last[0]);
                });
        return last[0];
    }

    private static void badParameter(String tenant, String device, String query, String field, String message) {
        Api.series(tenant, device, query)
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations[0].field", equalTo(field))
                .body("violations[0].in", equalTo("query"))
                .body("violations[0].message", containsString(message));
    }
}
