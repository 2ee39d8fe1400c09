package io.iotsphere.asset;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Relations between assets: contains, manages, feeds; direct and transitive queries. */
@QuarkusTest
class RelationTest {

    static io.restassured.response.ValidatableResponse relate(String tenant, String from, String kind, String to) {
        return Api.operator(tenant)
                .body(Map.of("kind", kind, "targetId", to))
                .post("/api/v1/assets/" + from + "/relations")
                .then();
    }

    @Test
    void relationsAreListedDirectlyAndWalkedTransitively() {
        String tenant = Api.newTenant();
        for (String id : List.of("boiler", "h1", "h2", "h3")) {
            Api.asset(tenant, id, "water-heater");
        }
        relate(tenant, "boiler", "feeds", "h1")
                .statusCode(201)
                .header("Location", containsString("/api/v1/assets/boiler/relations/feeds/h1"))
                .body("asset.id", equalTo("h1"))
                .body("direction", equalTo("outgoing"));
        relate(tenant, "h1", "feeds", "h2").statusCode(201);
        relate(tenant, "h2", "feeds", "h3").statusCode(201);
        relate(tenant, "boiler", "feeds", "h3").statusCode(201);
        // A loop is allowed for feeds, and the walk still ends.
        relate(tenant, "h3", "feeds", "boiler").statusCode(201);
        relate(tenant, "boiler", "manages", "h2").statusCode(201);

        Api.viewer(tenant)
                .get("/api/v1/assets/h1/relations")
                .then()
                .body("total", equalTo(2))
                .body("items.direction", equalTo(List.of("outgoing", "incoming")))
                .body("items.asset.id", equalTo(List.of("h2", "boiler")));
        Api.viewer(tenant)
                .get("/api/v1/assets/boiler/relations?direction=outgoing&kind=feeds&transitive=true")
                .then()
                .body("total", equalTo(3))
                .body("items.asset.id", equalTo(List.of("h1", "h3", "h2")))
                .body("items.depth", equalTo(List.of(1, 1, 2)));
        Api.viewer(tenant)
                .get("/api/v1/assets/h2/relations?direction=incoming&kind=feeds&transitive=true")
                .then()
                .body("items.asset.id", equalTo(List.of("h1", "boiler", "h3")))
                .body("items.depth", equalTo(List.of(1, 2, 3)));
        Api.viewer(tenant)
                .get("/api/v1/assets/boiler/relations?transitive=true")
                .then()
                .statusCode(400)
                .body("detail", containsString("one kind in one direction"));

        Api.operator(tenant)
                .delete("/api/v1/assets/boiler/relations/feeds/h3")
                .then()
                .statusCode(204);
        Api.operator(tenant)
                .delete("/api/v1/assets/boiler/relations/feeds/h3")
                .then()
                .statusCode(404);
        Api.viewer(tenant)
                .get("/api/v1/assets/boiler/relations?direction=outgoing&kind=feeds")
                .then()
                .body("items.asset.id", equalTo(List.of("h1")));
    }

    @Test
    void anAssetIsInsideOneContainerAndNeverInsideItself() {
        String tenant = Api.newTenant();
        for (String id : List.of("cabinet", "rack", "m1", "m2")) {
            Api.asset(tenant, id, "vending-machine");
        }
        relate(tenant, "cabinet", "contains", "rack").statusCode(201);
        relate(tenant, "rack", "contains", "m1").statusCode(201);
        relate(tenant, "rack", "contains", "m1").statusCode(409).body("detail", containsString("already contains"));
        relate(tenant, "m2", "contains", "m1").statusCode(409).body("detail", containsString("already inside 'rack'"));
        relate(tenant, "m1", "contains", "cabinet")
                .statusCode(409)
                .body("detail", containsString("cannot end up inside itself"));
        relate(tenant, "m1", "contains", "m1").statusCode(400);
        relate(tenant, "m1", "contains", "ghost").statusCode(400).body("detail", containsString("not found"));
        relate(tenant, "m1", "owns", "m2").statusCode(400);
        relate(tenant, "ghost", "contains", "m2").statusCode(404);
        Api.viewer(tenant)
                .get("/api/v1/assets/cabinet/relations?kind=contains&direction=outgoing&transitive=true")
                .then()
                .body("items.asset.id", equalTo(List.of("rack", "m1")));

        // Deleting an asset takes its relations with it.
        Api.operator(tenant).delete("/api/v1/assets/rack").then().statusCode(204);
        Api.viewer(tenant).get("/api/v1/assets/cabinet/relations").then().body("total", equalTo(0));
        relate(tenant, "m2", "contains", "m1").statusCode(201);
    }
}
