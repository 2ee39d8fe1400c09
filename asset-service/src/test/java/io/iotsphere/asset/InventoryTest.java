package io.iotsphere.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.iotsphere.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Products, slots, sales and counts from telemetry, restocks, and the restock alert. */
@QuarkusTest
class InventoryTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    /** A registered vending machine with a product in slot A1: 10 of 10, restock below 3. */
    static String machine(String tenant, String id) {
        Events.lifecycle(Events.registered(
                tenant, id, "vending-machine", "Lobby", "Vendo", "V-9", Instant.parse("2026-01-01T00:00:00Z")));
        await().atMost(WAIT).untilAsserted(() -> Api.getAsset(tenant, id).statusCode(200));
        Api.operator(tenant)
                .body(Map.of("id", "cola", "name", "Cola 33 cl", "unitPrice", 1.5, "currency", "EUR"))
                .post("/api/v1/products")
                .then()
                .statusCode(anyOf(equalTo(201), equalTo(409)));
        Api.operator(tenant)
                .body(Map.of("productId", "cola", "capacity", 10, "quantity", 10, "restockThreshold", 3))
                .put("/api/v1/assets/" + id + "/slots/A1")
                .then()
                .statusCode(201)
                .body("quantity", equalTo(10))
                .body("productName", equalTo("Cola 33 cl"))
                .body("price", equalTo(1.5f))
                .body("currency", equalTo("EUR"));
        return id;
    }

    static void awaitQuantity(String tenant, String machine, String slot, int quantity) {
        await().atMost(WAIT)
                .untilAsserted(() -> Api.viewer(tenant)
                        .get("/api/v1/assets/" + machine + "/slots")
                        .then()
                        .body("find { it.slot == '" + slot + "' }.quantity", equalTo(quantity)));
    }

    static String sell(String tenant, String machine, Instant ts, Map<String, Double> values) {
        return Events.telemetry(Events.vending(tenant, machine, ts, values));
    }

    static List<ConsumerRecord<String, String>> alerts(String tenant) {
        return KafkaTestClient.records(Topics.ASSET_EVENTS).stream()
                .filter(KafkaTestClient.containing(EventTypes.INVENTORY_RESTOCK_NEEDED, "\"" + tenant + "\""))
                .toList();
    }

    @Test
    void salesLowerTheLevelOnceAndTheAlertFiresOncePerFall() throws Exception {
        String tenant = Api.newTenant();
        String vm = machine(tenant, "vm-s1");
        Instant t = Instant.now();

        String first = sell(tenant, vm, t.plusSeconds(1), Map.of("sales.A1", 4.0, "cabinet_temperature", 4.0));
        awaitQuantity(tenant, vm, "A1", 6);
        // A redelivery of the same event, then a new sale: the redelivery counts for nothing.
        KafkaTestClient.send(Topics.TELEMETRY_READINGS, vm, first);
        sell(tenant, vm, t.plusSeconds(2), Map.of("sales.A1", 1.0));
        awaitQuantity(tenant, vm, "A1", 5);
        assertThat(alerts(tenant)).isEmpty();

        sell(tenant, vm, t.plusSeconds(3), Map.of("sales.A1", 3.0));
        awaitQuantity(tenant, vm, "A1", 2);
        sell(tenant, vm, t.plusSeconds(4), Map.of("sales.A1", 1.0));
        awaitQuantity(tenant, vm, "A1", 1);
        // More sold than left: clamped at 0, and said so in the ledger.
        sell(tenant, vm, t.plusSeconds(5), Map.of("sales.A1", 9.0));
        awaitQuantity(tenant, vm, "A1", 0);

        await().atMost(WAIT).until(() -> alerts(tenant).size() == 1);
        ConsumerRecord<String, String> alert = alerts(tenant).get(0);
        assertThat(alert.key()).isEqualTo(vm);
        assertThat(Events.CONTRACT.validate(alert.value())).isEmpty();
        JsonNode data = Events.MAPPER.readTree(alert.value()).get("data");
        assertThat(data.get("assetId").asText()).isEqualTo(vm);
        assertThat(data.get("deviceId").asText()).isEqualTo(vm);
        assertThat(data.get("slot").asText()).isEqualTo("A1");
        assertThat(data.get("productId").asText()).isEqualTo("cola");
        assertThat(data.get("productName").asText()).isEqualTo("Cola 33 cl");
        assertThat(data.get("quantity").asInt()).isEqualTo(2);
        assertThat(data.get("threshold").asInt()).isEqualTo(3);
        assertThat(data.get("capacity").asInt()).isEqualTo(10);
        assertThat(data.get("at").asText()).isEqualTo(t.plusSeconds(3).toString());

        JsonPath ledger = Api.viewer(tenant)
                .get("/api/v1/assets/" + vm + "/inventory/movements?slot=A1&kind=sale")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(ledger.getList("items.units", Integer.class)).containsExactly(9, 1, 3, 1, 4);
        assertThat(ledger.getString("items[0].note")).contains("clamped at 0: 9 sold with 1 left");
        assertThat(ledger.getInt("items[0].quantityAfter")).isZero();
        assertThat(ledger.getString("items[0].actor")).isEqualTo("telemetry");

        // A restock back above the threshold re-arms the alert: the next fall fires it again.
        Api.operator(tenant)
                .body(Map.of("items", List.of(Map.of("slot", "A1", "units", 6))))
                .post("/api/v1/assets/" + vm + "/restocks")
                .then()
                .statusCode(200)
                .body("find { it.slot == 'A1' }.quantity", equalTo(6))
                .body("find { it.slot == 'A1' }.restockNeeded", equalTo(false));
        sell(tenant, vm, t.plusSeconds(6), Map.of("sales.A1", 4.0));
        awaitQuantity(tenant, vm, "A1", 2);
        await().atMost(WAIT).until(() -> alerts(tenant).size() == 2);
        Api.viewer(tenant)
                .get("/api/v1/inventory/restock-needed")
                .then()
                .body("items.assetId", equalTo(List.of(vm)))
                .body("items[0].productName", equalTo("Cola 33 cl"));
        Api.getAsset(tenant, vm)
                .body("vendingMachine.inventory.slotsBelowThreshold", equalTo(1))
                .body("vendingMachine.inventory.units", equalTo(2));
    }

    @Test
    void aCountFromTheMachineSetsTheLevelAndOlderReadingsDoNotUndoIt() {
        String tenant = Api.newTenant();
        String vm = machine(tenant, "vm-c1");
        Instant t = Instant.now().plusSeconds(5);

        // Sales and a count in one reading: the count is the level after those sales.
        sell(tenant, vm, t, Map.of("sales.A1", 2.0, "inventory.A1", 7.0));
        awaitQuantity(tenant, vm, "A1", 7);
        // A late reading from before that count: its count is stale, its sale already in the count.
        sell(tenant, vm, t.minusSeconds(2), Map.of("inventory.A1", 9.0, "sales.A1", 1.0));
        sell(tenant, vm, t.plusSeconds(1), Map.of("inventory.A1", 12.0));
        // Counted more than fits: clamped to the capacity.
        awaitQuantity(tenant, vm, "A1", 10);

        JsonPath ledger = Api.viewer(tenant)
                .get("/api/v1/assets/" + vm + "/inventory/movements?slot=A1")
                .then()
                .extract()
                .jsonPath();
        assertThat(ledger.getList("items.kind", String.class))
                .containsExactly("count", "count", "sale", "count", "sale", "correction");
        assertThat(ledger.getString("items[0].note")).contains("clamped at the capacity 10: 12 reported");
        assertThat(ledger.getString("items[1].note")).contains("the machine counted 7 where 8 were expected");
        assertThat(ledger.getInt("items[2].quantityAfter")).isEqualTo(8);
        assertThat(ledger.getString("items[3].note")).contains("stale");
        assertThat(ledger.getString("items[4].note")).contains("already in it");
    }

    @Test
    void readingsThatCannotChangeALevelAreRecordedWithTheReason() {
        String tenant = Api.newTenant();
        String vm = machine(tenant, "vm-r1");
        Instant t = Instant.now().plusSeconds(5);
        sell(tenant, vm, t, Map.of("sales.A1", 2.5, "sales.Z9", 3.0));
        sell(tenant, vm, t.plusSeconds(1), Map.of("sales.A1", 1.0));
        awaitQuantity(tenant, vm, "A1", 9);
        JsonPath ledger = Api.viewer(tenant)
                .get("/api/v1/assets/" + vm + "/inventory/movements?kind=sale")
                .then()
                .extract()
                .jsonPath();
        assertThat(ledger.getList("items.note", String.class))
                .anySatisfy(note -> assertThat(note).contains("refused: sales value 2.5"))
                .anySatisfy(note -> assertThat(note).contains("slot not configured"));
    }

    @Test
    void restocksAreAllOrNothingAndAFillSetsEverySlotFull() {
        String tenant = Api.newTenant();
        String vm = machine(tenant, "vm-f1");
        Api.operator(tenant)
                .body(Map.of("capacity", 8, "quantity", 2))
                .put("/api/v1/assets/" + vm + "/slots/B2")
                .then()
                .statusCode(201)
                .body("productId", nullValue());

        Api.operator(tenant)
                .body(Map.of("items", List.of(Map.of("slot", "B2", "units", 3), Map.of("slot", "A1", "units", 1))))
                .post("/api/v1/assets/" + vm + "/restocks")
                .then()
                .statusCode(409)
                .body("detail", containsString("slot 'A1' holds 10 of 10"));
        Api.operator(tenant)
                .body(Map.of("items", List.of(Map.of("slot", "C3", "units", 1))))
                .post("/api/v1/assets/" + vm + "/restocks")
                .then()
                .statusCode(400)
                .body("detail", containsString("not configured"));
        Api.operator(tenant)
                .body(Map.of("items", List.of(Map.of("slot", "B2", "units", 1)), "fill", true))
                .post("/api/v1/assets/" + vm + "/restocks")
                .then()
                .statusCode(400);
        Api.operator(tenant)
                .body(Map.of("items", List.of(Map.of("slot", "B2", "units", 0))))
                .post("/api/v1/assets/" + vm + "/restocks")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem(containsString("units")));
        awaitQuantity(tenant, vm, "B2", 2);

        Api.operator(tenant)
                .body(Map.of("fill", true))
                .post("/api/v1/assets/" + vm + "/restocks")
                .then()
                .statusCode(200)
                .body("quantity", equalTo(List.of(10, 8)));
        JsonPath ledger = Api.viewer(tenant)
                .get("/api/v1/assets/" + vm + "/inventory/movements?kind=restock")
                .then()
                .extract()
                .jsonPath();
        assertThat(ledger.getList("items.slot", String.class)).containsExactly("B2");
        assertThat(ledger.getInt("items[0].units")).isEqualTo(6);
        assertThat(ledger.getString("items[0].actor")).isEqualTo("operator@" + tenant);
    }

    @Test
    void slotsAreValidatedAndBelongToVendingMachinesOnly() {
        String tenant = Api.newTenant();
        String vm = machine(tenant, "vm-v1");
        Api.asset(tenant, "wh-v1", "water-heater");
        String base = "/api/v1/assets/" + vm + "/slots/";
        Api.operator(tenant)
                .body(Map.of("capacity", 5))
                .put("/api/v1/assets/wh-v1/slots/A1")
                .then()
                .statusCode(409)
                .body("detail", containsString("only vending machines have slots"));
        Api.operator(tenant)
                .body(Map.of("capacity", 5, "quantity", 6))
                .put(base + "B1")
                .then()
                .statusCode(400)
                .body("detail", containsString("more than the capacity"));
        Api.operator(tenant)
                .body(Map.of("capacity", 5, "restockThreshold", 6))
                .put(base + "B1")
                .then()
                .statusCode(400);
        Api.operator(tenant)
                .body(Map.of("capacity", 5, "price", 2))
                .put(base + "B1")
                .then()
                .statusCode(400)
                .body("detail", containsString("price and currency"));
        Api.operator(tenant)
                .body(Map.of("capacity", 5, "productId", "nothing"))
                .put(base + "B1")
                .then()
                .statusCode(400)
                .body("detail", containsString("product 'nothing' not found"));
        Api.operator(tenant)
                .body(Map.of("capacity", 5))
                .put(base + "B%201")
                .then()
                .statusCode(400);
        Api.operator(tenant).body(Map.of()).put(base + "B1").then().statusCode(400);
        // Shrinking below what the slot holds needs the new level.
        Api.operator(tenant)
                .body(Map.of("capacity", 4, "productId", "cola"))
                .put(base + "A1")
                .then()
                .statusCode(409)
                .body("detail", containsString("give its quantity too"));
        Api.operator(tenant)
                .body(Map.of("capacity", 4, "quantity", 4, "productId", "cola", "price", 2, "currency", "EUR"))
                .put(base + "A1")
                .then()
                .statusCode(200)
                .body("price", equalTo(2))
                .body("restockThreshold", nullValue());
        Api.operator(tenant).delete(base + "A1").then().statusCode(204);
        Api.operator(tenant).delete(base + "A1").then().statusCode(404);
        Api.viewer(tenant).get("/api/v1/assets/" + vm + "/slots").then().body("size()", equalTo(0));
        Api.viewer(tenant)
                .get("/api/v1/assets/" + vm + "/inventory/movements")
                .then()
                .body("items.kind", hasItem("correction"));
    }

    @Test
    void productsAreManagedAndCannotGoWhileInASlot() {
        String tenant = Api.newTenant();
        String vm = machine(tenant, "vm-p1");
        Api.operator(tenant)
                .body(Map.of("id", "cola", "name", "Again"))
                .post("/api/v1/products")
                .then()
                .statusCode(409);
        Api.operator(tenant)
                .body(Map.of("id", "water", "name", "Water", "unitPrice", 1))
                .post("/api/v1/products")
                .then()
                .statusCode(400)
                .body("detail", containsString("unitPrice and currency"));
        Api.operator(tenant)
                .body(Map.of("id", "bad id", "name", "x"))
                .post("/api/v1/products")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("id"));
        Api.operator(tenant)
                .body(Map.of("id", "water", "name", "Water", "category", "drinks"))
                .post("/api/v1/products")
                .then()
                .statusCode(201);
        Api.viewer(tenant).get("/api/v1/products?q=WAT").then().body("items.id", equalTo(List.of("water")));
        Api.operator(tenant)
                .body("{\"category\": null, \"version\": 0}")
                .patch("/api/v1/products/water")
                .then()
                .statusCode(200)
                .body("category", nullValue())
                .body("version", equalTo(1));
        Api.operator(tenant)
                .delete("/api/v1/products/cola")
                .then()
                .statusCode(409)
                .body("detail", containsString("1 slot(s)"));
        Api.operator(tenant).delete("/api/v1/products/water").then().statusCode(204);
        Api.viewer(tenant).get("/api/v1/products/water").then().statusCode(404);
        Api.viewer(tenant).get("/api/v1/assets/" + vm + "/slots").then().body("[0].productId", equalTo("cola"));
    }

    @Test
    void telemetryThatBreaksTheContractGoesToTheDeadLetterTopic() {
        String tenant = Api.newTenant();
        String vm = machine(tenant, "vm-d1");
        String bad = Events.json(Events.vending(tenant, vm, Instant.now(), Map.of("sales.A1", 1.0)))
                .replace("\"sales.A1\":1.0", "\"sales.A1\":\"three\"");
        KafkaTestClient.send(Topics.TELEMETRY_READINGS, vm, bad);
        KafkaTestClient.send(Topics.TELEMETRY_READINGS, vm, "not json at all " + tenant);
        // A water heater's telemetry is none of this consumer's business: not rejected.
        CloudEvent<TelemetryRecorded> heater = Events.event(
                "/iotsphere/telemetry-service",
                EventTypes.TELEMETRY_RECORDED,
                "wh-1",
                tenant,
                new TelemetryRecorded(
                        "wh-1", "water-heater", null, List.of(new Reading(Instant.now(), Map.of("setpoint", 55.0)))),
                Instant.now());
        // Keyed like the machine's records, so that it is read before the sale below.
        KafkaTestClient.send(Topics.TELEMETRY_READINGS, vm, Events.json(heater));
        sell(tenant, vm, Instant.now().plusSeconds(5), Map.of("sales.A1", 1.0));
        awaitQuantity(tenant, vm, "A1", 9);

        await().atMost(WAIT)
                .until(() -> KafkaTestClient.records(Topics.dlq(Topics.TELEMETRY_READINGS)).stream()
                                .filter(KafkaTestClient.containing(tenant))
                                .count()
                        == 2);
        var rejected = KafkaTestClient.records(Topics.dlq(Topics.TELEMETRY_READINGS)).stream()
                .filter(KafkaTestClient.containing(tenant))
                .toList();
        assertThat(rejected)
                .extracting(r -> KafkaTestClient.header(r, "dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("sales.A1"))
                .anySatisfy(reason -> assertThat(reason).isNotBlank());
    }

    @Test
    void aRetiredMachineIgnoresItsTelemetry() {
        String tenant = Api.newTenant();
        String vm = machine(tenant, "vm-o1");
        Events.lifecycle(Events.decommissioned(tenant, vm, "vending-machine", Instant.parse("2026-01-02T00:00:00Z")));
        await().atMost(WAIT).untilAsserted(() -> Api.getAsset(tenant, vm).body("status", equalTo("decommissioned")));
        String other = machine(tenant, "vm-o2");
        sell(tenant, vm, Instant.now().plusSeconds(5), Map.of("sales.A1", 5.0));
        // Keyed like the retired machine's record, so that it is read after it.
        KafkaTestClient.send(
                Topics.TELEMETRY_READINGS,
                vm,
                Events.json(Events.vending(tenant, other, Instant.now().plusSeconds(5), Map.of("sales.A1", 1.0))));
        awaitQuantity(tenant, other, "A1", 9);
        awaitQuantity(tenant, vm, "A1", 10);
        Api.operator(tenant)
                .body(Map.of("fill", true))
                .post("/api/v1/assets/" + vm + "/restocks")
                .then()
                .statusCode(409)
                .body("detail", containsString("decommissioned"));
    }
}
