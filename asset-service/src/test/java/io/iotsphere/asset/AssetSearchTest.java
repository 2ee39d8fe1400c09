package io.iotsphere.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Search: filters (the location subtree included), text, sorting, paging, bad parameters. */
@QuarkusTest
class AssetSearchTest {

    String tenant;
    String org;
    String north;
    String northRoom;
    String south;
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    /**
     * Acme / North / Block N / Room N1 and Acme / South. Assets: a1 (North room, AquaTherm AT-50, 2019, warranty
     * expired), a2 (North site, AquaTherm AT-80, 2022, warranty active), a3 (South, HydroMax, 2021, no warranty), v1
     * (South, vending machine, Vendo, 2023, warranty active), x1 (no location, no dates).
     */
    @BeforeEach
    void fleet() {
        tenant = Api.newTenant();
        org = Api.location(tenant, "organization", "Acme", null);
        north = Api.location(tenant, "site", "North", org);
        String block = Api.location(tenant, "building", "Block N", north);
        northRoom = Api.location(tenant, "room", "Room N1", block);
        south = Api.location(tenant, "site", "South", org);
        asset(
                "a1",
                "water-heater",
                "Kitchen heater",
                "AquaTherm",
                "AT-50",
                "SN-100_A",
                northRoom,
                "2019-04-01",
                today.minusDays(10).toString());
        asset(
                "a2",
                "water-heater",
                "Gym heater",
                "AquaTherm",
                "AT-80",
                "SN-200",
                north,
                "2022-06-15",
                today.plusYears(3).toString());
        asset("a3", "water-heater", "Pool heater", "HydroMax", "HM-1", "XY-300", south, "2021-01-20", null);
        asset(
                "v1",
                "vending-machine",
                "Lobby snacks",
                "Vendo",
                "V-9",
                "VD-400",
                south,
                "2023-09-09",
                today.plusYears(1).toString());
        asset("x1", "water-heater", null, null, null, null, null, null, null);
    }

    void asset(
            String id,
            String type,
            String name,
            String manufacturer,
            String model,
            String serial,
            String location,
            String installDate,
            String warrantyEnd) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("type", type);
        body.put("name", name);
        body.put("manufacturer", manufacturer);
        body.put("model", model);
        body.put("serialNumber", serial);
        body.put("locationId", location);
        body.put("installDate", installDate);
        body.put("warrantyEnd", warrantyEnd);
        body.values().removeIf(v -> v == null);
        Api.createAsset(tenant, body).statusCode(201);
    }

    void expect(String query, String... expected) {
        assertThat(ids(query)).as(query).containsExactly(expected);
    }

    List<String> ids(String query) {
        return Api.viewer(tenant)
                .get("/api/v1/assets" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class);
    }

    @Test
    void filtersNarrowTheFleet() {
        expect("", "a1", "a2", "a3", "v1", "x1");
        expect("?type=vending-machine", "v1");
        expect("?type=water-heater&manufacturer=aquatherm", "a1", "a2");
        expect("?manufacturer=AquaTherm&model=at-80", "a2");
        expect("?installedFrom=2021-01-01&installedTo=2022-12-31", "a2", "a3");
        expect("?installedFrom=2023-01-01", "v1");
        expect("?warranty=expired", "a1");
        expect("?warranty=active", "a2", "v1");
        expect("?warranty=unknown", "a3", "x1");
        expect("?status=active&type=water-heater&warranty=active", "a2");
    }

    @Test
    void aLocationTakesEverythingUnderIt() {
        expect("?location=" + north, "a1", "a2");
        expect("?location=" + northRoom, "a1");
        expect("?location=" + org + "&type=water-heater", "a1", "a2", "a3");
        expect("?location=" + south + "&type=vending-machine", "v1");
        assertThat(ids("?location=0b7c8d3e-1b2a-4c5d-8e9f-0a1b2c3d4e5f")).isEmpty();
        Api.viewer(tenant)
                .get("/api/v1/assets/a1")
                .then()
                .body("location.path", equalTo("Acme / North / Block N / Room N1"));
    }

    @Test
    void textLooksInIdNameManufacturerModelAndSerial() {
        expect("?q=heater", "a1", "a2", "a3");
        expect("?q=GYM", "a2");
        expect("?q=hydro", "a3");
        expect("?q=sn-", "a1", "a2");
        // '_' and '%' are literal characters, not wildcards.
        expect("?q=100_a", "a1");
        assertThat(ids("?q=0_A")).isNotEmpty();
        assertThat(ids("?q=s_-")).isEmpty();
        assertThat(ids("?q=%25%25")).isEmpty();
    }

    @Test
    void sortingAndPaging() {
        expect("?sort=installDate", "a1", "a3", "a2", "v1", "x1");
        expect("?sort=-installDate", "x1", "v1", "a2", "a3", "a1");
        expect("?sort=name", "a2", "a1", "v1", "a3", "x1");
        expect("?sort=-id", "x1", "v1", "a3", "a2", "a1");
        Api.viewer(tenant)
                .get("/api/v1/assets?size=2&page=1&sort=id")
                .then()
                .body("items.id", equalTo(List.of("a3", "v1")))
                .body("page", equalTo(1))
                .body("size", equalTo(2))
                .body("total", equalTo(5));
        Api.viewer(tenant).get("/api/v1/assets?size=2&page=9").then().body("items.size()", equalTo(0));
        Api.viewer(tenant).get("/api/v1/assets?size=500").then().statusCode(200);
    }

    @Test
    void badParametersAreRefusedWithTheParameterNamed() {
        Api.viewer(tenant)
                .get("/api/v1/assets?size=501&sort=colour&type=toaster&warranty=soon&location=x&q=a")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.size()", equalTo(6))
                .body("violations.field", hasItem(containsString("sort")));
        Api.viewer(tenant)
                .get("/api/v1/assets?installedFrom=2024-02-30")
                .then()
                .statusCode(400)
                .body("detail", containsString("installedFrom"));
        Api.viewer(tenant)
                .get("/api/v1/assets?installedFrom=2024-02-01&installedTo=2023-01-01")
                .then()
                .statusCode(400)
                .body("detail", containsString("before"));
        Api.viewer(tenant).get("/api/v1/assets?page=-1").then().statusCode(400);
    }
}
