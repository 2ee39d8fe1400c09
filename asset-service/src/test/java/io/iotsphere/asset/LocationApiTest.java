package io.iotsphere.asset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The location hierarchy: organization → site → building → room, moves, deletes, bad input. */
@QuarkusTest
class LocationApiTest {

    @Test
    void aHierarchyIsBuiltAndEachLocationKnowsItsAncestors() {
        String tenant = Api.newTenant();
        String org = Api.location(tenant, "organization", "Acme", null);
        String site = Api.operator(tenant)
                .body(Map.of(
                        "kind", "site",
                        "name", "HQ",
                        "parentId", org,
                        "address", "1 Main St",
                        "city", "Lyon",
                        "country", "FR",
                        "latitude", 45.76,
                        "longitude", 4.83,
                        "timezone", "Europe/Paris"))
                .post("/api/v1/locations")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/locations/"))
                .body("kind", equalTo("site"))
                .body("parentId", equalTo(org))
                .body("timezone", equalTo("Europe/Paris"))
                .extract()
                .path("id");
        String building = Api.location(tenant, "building", "Block A", site);
        String room = Api.location(tenant, "room", "Boiler room", building);
        // A small shop: a room straight in a site.
        Api.location(tenant, "room", "Back office", site);

        Api.viewer(tenant)
                .get("/api/v1/locations/" + room)
                .then()
                .statusCode(200)
                .body("name", equalTo("Boiler room"))
                .body("path", equalTo("Acme / HQ / Block A / Boiler room"))
                .body("ancestors.id", equalTo(List.of(org, site, building)))
                .body("ancestors.kind", equalTo(List.of("organization", "site", "building")));

        Api.viewer(tenant).get("/api/v1/locations?under=" + org).then().body("total", equalTo(4));
        Api.viewer(tenant)
                .get("/api/v1/locations?parentId=" + site)
                .then()
                .body("items.name", equalTo(List.of("Back office", "Block A")));
        Api.viewer(tenant)
                .get("/api/v1/locations?kind=room&q=BOILER")
                .then()
                .body("items.path", equalTo(List.of("Acme / HQ / Block A / Boiler room")));
        Api.viewer(tenant)
                .get("/api/v1/locations")
                .then()
                .body("total", equalTo(5))
                .body("items[0].name", equalTo("Acme"));
    }

    @Test
    void kindsGoUnderTheRightParentsOnly() {
        String tenant = Api.newTenant();
        String org = Api.location(tenant, "organization", "Acme", null);
        String site = Api.location(tenant, "site", "HQ", org);
        post(tenant, Map.of("kind", "site", "name", "Nowhere"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("a site goes under an organization"));
        post(tenant, Map.of("kind", "organization", "name", "Sub", "parentId", org))
                .statusCode(400)
                .body("detail", containsString("an organization is a root"));
        post(tenant, Map.of("kind", "room", "name", "Closet", "parentId", org))
                .statusCode(400)
                .body("detail", containsString("a room goes under a building or a site, not under an organization"));
        post(tenant, Map.of("kind", "building", "name", "B", "parentId", "0b7c8d3e-1b2a-4c5d-8e9f-0a1b2c3d4e5f"))
                .statusCode(400)
                .body("detail", containsString("not found"));
        Api.location(tenant, "building", "B", site);
    }

    @Test
    void badInputIsRefusedWithTheFieldNamed() {
        String tenant = Api.newTenant();
        post(tenant, Map.of("name", "x")).statusCode(400).body("violations.field", hasItem(containsString("kind")));
        post(tenant, Map.of("kind", "galaxy", "name", "x"))
                .statusCode(400)
                .body("violations.field", hasItem(containsString("kind")));
        post(tenant, Map.of("kind", "organization", "name", ""))
                .statusCode(400)
                .body("violations.field", hasItem(containsString("name")));
        post(tenant, Map.of("kind", "organization", "name", "n".repeat(129)))
                .statusCode(400)
                .body("violations.field", hasItem(containsString("name")));
        post(tenant, Map.of("kind", "organization", "name", "x", "latitude", 91))
                .statusCode(400)
                .body("violations.field", hasItem(containsString("latitude")));
        post(tenant, Map.of("kind", "organization", "name", "x", "country", "France"))
                .statusCode(400)
                .body("violations.field", hasItem(containsString("country")));
        post(tenant, Map.of("kind", "organization", "name", "x", "timezone", "Mars/Olympus"))
                .statusCode(400)
                .body("detail", containsString("timezone"));
        post(tenant, Map.of("kind", "organization", "name", "x", "colour", "blue"))
                .statusCode(400)
                .body("detail", containsString("unknown field 'colour'"));
        post(tenant, Map.of("kind", "organization", "name", "x", "latitude", "north"))
                .statusCode(400)
                .body("detail", containsString("latitude"));
        Api.operator(tenant)
                .body("[1, 2]")
                .post("/api/v1/locations")
                .then()
                .statusCode(400)
                .body("detail", containsString("JSON object"));
        Api.operator(tenant)
                .body("{\"kind\": ")
                .post("/api/v1/locations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Api.viewer(tenant)
                .get("/api/v1/locations?kind=planet&under=nope&size=501")
                .then()
                .statusCode(400)
                .body("violations.size()", equalTo(3));
        Api.viewer(tenant).get("/api/v1/locations/not-a-uuid").then().statusCode(404);
        Api.viewer(tenant).get("/api/v1/locations").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void movingALocationMovesEverythingUnderIt() {
        String tenant = Api.newTenant();
        String org = Api.location(tenant, "organization", "Acme", null);
        String north = Api.location(tenant, "site", "North", org);
        String south = Api.location(tenant, "site", "South", org);
        String building = Api.location(tenant, "building", "B1", north);
        String room = Api.location(tenant, "room", "R1", building);
        String heater = Api.asset(tenant, "wh-move-1", "water-heater");
        Api.operator(tenant)
                .body(Map.of("locationId", room))
                .patch("/api/v1/assets/" + heater)
                .then()
                .statusCode(200);

        Api.operator(tenant)
                .body(Map.of("parentId", south, "name", "B1 (moved)"))
                .patch("/api/v1/locations/" + building)
                .then()
                .statusCode(200)
                .body("path", equalTo("Acme / South / B1 (moved)"))
                .body("version", equalTo(1));

        Api.viewer(tenant)
                .get("/api/v1/locations/" + room)
                .then()
                .body("path", equalTo("Acme / South / B1 (moved) / R1"))
                .body("ancestors.id", equalTo(List.of(org, south, building)));
        Api.viewer(tenant).get("/api/v1/assets?location=" + south).then().body("items.id", equalTo(List.of(heater)));
        Api.viewer(tenant).get("/api/v1/assets?location=" + north).then().body("total", equalTo(0));

        Api.operator(tenant)
                .body(Map.of("parentId", room))
                .patch("/api/v1/locations/" + building)
                .then()
                .statusCode(400)
                .body("detail", containsString("not under a room"));
        Api.operator(tenant)
                .body("{\"parentId\": null}")
                .patch("/api/v1/locations/" + building)
                .then()
                .statusCode(400);
        Api.operator(tenant)
                .body(Map.of("parentId", org))
                .patch("/api/v1/locations/" + org)
                .then()
                .statusCode(400)
                .body("detail", containsString("root"));
    }

    @Test
    void aChangeNamesOnlyWhatChangesAndChecksTheVersion() {
        String tenant = Api.newTenant();
        String org = Api.operator(tenant)
                .body(Map.of("kind", "organization", "name", "Acme", "city", "Paris", "country", "FR"))
                .post("/api/v1/locations")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.operator(tenant)
                .body("{\"city\": null, \"version\": 0}")
                .patch("/api/v1/locations/" + org)
                .then()
                .statusCode(200)
                .body("city", nullValue())
                .body("country", equalTo("FR"))
                .body("name", equalTo("Acme"));
        Api.operator(tenant)
                .body(Map.of("name", "Acme Corp", "version", 0))
                .patch("/api/v1/locations/" + org)
                .then()
                .statusCode(409)
                .body("detail", containsString("version 1"));
        Api.operator(tenant)
                .body("{\"name\": null}")
                .patch("/api/v1/locations/" + org)
                .then()
                .statusCode(400);
        Api.operator(tenant)
                .body(Map.of("kind", "site"))
                .patch("/api/v1/locations/" + org)
                .then()
                .statusCode(400)
                .body("detail", containsString("unknown field 'kind'"));
    }

    @Test
    void onlyEmptyLocationsAreDeleted() {
        String tenant = Api.newTenant();
        String org = Api.location(tenant, "organization", "Acme", null);
        String site = Api.location(tenant, "site", "HQ", org);
        String room = Api.location(tenant, "room", "R", site);
        String machine = Api.asset(tenant, "vm-del-1", "vending-machine");
        Api.operator(tenant)
                .body(Map.of("locationId", room))
                .patch("/api/v1/assets/" + machine)
                .then()
                .statusCode(200);

        Api.operator(tenant)
                .delete("/api/v1/locations/" + site)
                .then()
                .statusCode(409)
                .body("detail", containsString("1 location(s) under it"));
        Api.operator(tenant)
                .delete("/api/v1/locations/" + room)
                .then()
                .statusCode(409)
                .body("detail", containsString("1 asset(s)"));
        Api.operator(tenant)
                .body("{\"locationId\": null}")
                .patch("/api/v1/assets/" + machine)
                .then()
                .statusCode(200)
                .body("location", nullValue());
        Api.operator(tenant).delete("/api/v1/locations/" + room).then().statusCode(204);
        Api.viewer(tenant).get("/api/v1/locations/" + room).then().statusCode(404);
    }

    @Test
    void writesNeedAnOperatorAndEveryCallAToken() {
        String tenant = Api.newTenant();
        Api.viewer(tenant)
                .body(Map.of("kind", "organization", "name", "x"))
                .post("/api/v1/locations")
                .then()
                .statusCode(403);
        given().get("/api/v1/locations").then().statusCode(401);
        Api.as(tenant, "admin")
                .body(Map.of("kind", "organization", "name", "x"))
                .post("/api/v1/locations")
                .then()
                .statusCode(201);
    }

    private static io.restassured.response.ValidatableResponse post(String tenant, Map<String, Object> body) {
        return Api.operator(tenant).body(body).post("/api/v1/locations").then();
    }
}
