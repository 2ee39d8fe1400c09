package io.iotsphere.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.iotsphere.telemetry.service.RollupService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Fleet-level aggregates of a tenant, and per-tenant retention enforced by dropping whole partitions. */
@QuarkusTest
class FleetAndRetentionTest {

    @Inject
    RollupService rollups;

    @Test
    void fleetAggregatesCoverTheTenantsDevicesOfOneTypeOrAll() {
        String tenant = Fleet.newTenant();
        String a = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        String b = Fleet.registered(tenant, Fleet.WATER_HEATER, "HydroMax");
        String c = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        String other = Fleet.newTenant();
        String outsider = Fleet.registered(other, Fleet.WATER_HEATER, "AquaTherm");
        Instant hour = LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);

        Api.accepted(tenant, a, reading(hour.plusSeconds(60), "\"tank_temperature\": 50"));
        Api.accepted(tenant, a, reading(hour.plusSeconds(120), "\"tank_temperature\": 52"));
        Api.accepted(tenant, b, reading(hour.plusSeconds(60), "\"tankTempF\": 140"));
        Api.accepted(tenant, c, reading(hour.plus(1, ChronoUnit.HOURS), "\"tank_temperature\": 70"));
        Api.accepted(other, outsider, reading(hour.plusSeconds(60), "\"tank_temperature\": 99"));

        String query = "metric=tank_temperature&deviceType=water-heater&interval=1h&from=" + hour + "&to="
                + hour.plus(2, ChronoUnit.HOURS);
        JsonPath avg = awaitFleet(
                tenant, query + "&agg=avg", p -> p.getList("points").size() == 2 && p.getLong("points[0].count") == 3);
        assertThat(avg.getInt("devices")).isEqualTo(3);
        assertThat(avg.getString("unit")).isEqualTo("°C");
        assertThat(avg.getList("points.value", Double.class)).containsExactly(54.0, 70.0);
        assertThat(avg.getList("points.devices", Long.class)).containsExactly(2L, 1L);
        assertThat(fleet(tenant, query + "&agg=max").getList("points.value", Double.class))
                .containsExactly(60.0, 70.0);
        assertThat(fleet(
                                tenant,
                                "metric=tank_temperature&agg=count&interval=1d&from=" + hour + "&to="
                                        + hour.plus(2, ChronoUnit.HOURS))
                        .getList("points.value", Double.class))
                .containsExactly(4.0);

        Api.as(tenant, "viewer")
                .get("/api/v1/telemetry/fleet?metric=nothing_like_it")
                .then()
                .statusCode(400)
                .body(
                        "violations[0].message",
                        equalTo("no device type in the catalog has a telemetry field 'nothing_like_it'"));
        Api.as(tenant, "viewer")
                .get("/api/v1/telemetry/fleet?metric=pressure&deviceType=toaster")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("deviceType"));
        Api.asDevice(tenant, a)
                .get("/api/v1/telemetry/fleet?metric=pressure")
                .then()
                .statusCode(403);
    }

    @Test
    void aTenantsRawRetentionDropsItsOldDayPartitionsAndKeepsTheRollups() {
        String tenant = Fleet.newTenant();
        String device = Fleet.registered(tenant, Fleet.WATER_HEATER, "AquaTherm");
        Instant old = LocalDate.now(ZoneOffset.UTC).minusDays(5).atTime(12, 0).toInstant(ZoneOffset.UTC);
        Instant recent =
                LocalDate.now(ZoneOffset.UTC).minusDays(2).atTime(12, 0).toInstant(ZoneOffset.UTC);
        Api.accepted(
                tenant,
                device,
                "{\"readings\": [" + reading(old, "\"pressure\": 100") + "," + reading(recent, "\"pressure\": 200")
                        + "]}");
        String oldHour = "metric=pressure&interval=1h&agg=sum&from=" + old + "&to=" + old.plus(1, ChronoUnit.HOURS);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    rollups.run().await().atMost(Duration.ofSeconds(30));
                    return Api.series(tenant, device, oldHour)
                                    .jsonPath()
                                    .getList("points")
                                    .size()
                            == 1;
                });
        String partition = "telemetry_t"
                + Database.column("SELECT tenant_key FROM tenants WHERE tenant = ?", tenant)
                        .get(0) + "_" + old.toString().substring(0, 10).replace("-", "");
        assertThat(Database.column("SELECT to_regclass(?)::text", partition)).containsExactly(partition);

        Api.as(tenant, "viewer")
                .get("/api/v1/telemetry/retention")
                .then()
                .statusCode(200)
                .body("rawDays", equalTo(30))
                .body("rollupDays", equalTo(730))
                .body("rawDaysDefault", equalTo(true));
        retention(tenant, "operator", "{\"rawDays\": 3}").then().statusCode(403);
        retention(tenant, "admin", "{\"rawDays\": 0}")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("/rawDays"))
                .body("violations[0].message", equalTo("must be between 1 and 366"));
        retention(tenant, "admin", "{\"rawDays\": 10, \"rollupDays\": 5}")
                .then()
                .statusCode(400)
                .body("violations[0].message", containsString("cannot be kept for less than raw readings"));
        retention(tenant, "admin", "{\"rawDays\": 3}")
                .then()
                .statusCode(200)
                .body("rawDays", equalTo(3))
                .body("rawDaysDefault", equalTo(false))
                .body("rollupDays", equalTo(730))
                .body("rollupDaysDefault", equalTo(true));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Database.column("SELECT to_regclass(?)::text", partition)
                                .get(0)
                        == null);
        assertThat(Api.series(
                                tenant,
                                device,
                                "metric=pressure&from=" + old.minusSeconds(1) + "&to=" + recent.plusSeconds(1))
                        .jsonPath()
                        .getList("points.value", Double.class))
                .containsExactly(200.0);
        // The hourly rollup of the dropped day is still there.
        assertThat(Api.series(tenant, device, oldHour).jsonPath().getList("points.value", Double.class))
                .containsExactly(100.0);
        Api.post(tenant, device, reading(Instant.now().minus(4, ChronoUnit.DAYS), "\"pressure\": 1"))
                .then()
                .statusCode(400)
                .body("violations[0].message", containsString("older than the raw retention of this tenant (3 days)"));
    }

    private static io.restassured.response.Response retention(String tenant, String role, String body) {
        return Api.as(tenant, role).contentType(ContentType.JSON).body(body).put("/api/v1/telemetry/retention");
    }

    private static String reading(Instant ts, String values) {
        return "{\"ts\": \"" + ts + "\", \"values\": {" + values + "}}";
    }

    private static JsonPath fleet(String tenant, String query) {
        return Api.as(tenant, "viewer")
                .get("/api/v1/telemetry/fleet?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private JsonPath awaitFleet(String tenant, String query, Predicate<JsonPath> done) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    rollups.run().await().atMost(Duration.ofSeconds(30));
                    last[0] = fleet(tenant, query);
                    return done.test(last[0]);
                });
        return last[0];
    }
}
