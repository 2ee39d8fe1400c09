package io.iotsphere.gateway;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The asset service's and the registry's answers for the legacy vending-machine tests, served by {@link UpstreamStub}:
 * {@code legacy-vending-1} stands in a site and has two slots (one empty, one below its threshold);
 * {@code legacy-vending-full} has no slot below its threshold; {@code legacy-vending-empty} only empty slots; the asset
 * service does not know {@code legacy-new-*} machines yet (a PATCH is a 404, a POST creates them).
 */
final class LegacyDocuments {

    private LegacyDocuments() {}

    /** Answers the request if it is one of the legacy documents; false to let the stub echo it. */
    static boolean answers(HttpServerRequest request, String body) {
        String method = request.method().name();
        String path = request.path();
        String query = request.query() == null ? "" : request.query();
        if (method.equals("GET") && path.equals("/api/v1/devices") && query.startsWith("type=vending-machine")) {
            JsonArray items =
                    new JsonArray().add(device("legacy-vending-1", true)).add(device("legacy-vending-off", false));
            return json(request, 200, new JsonObject().put("items", items).put("total", 2));
        }
        if (method.equals("POST") && path.equals("/api/v1/devices") && body.contains("\"id\":\"legacy-")) {
            JsonObject device = new JsonObject(body).put("status", "registered").put("online", false);
            return json(request, 201, new JsonObject().put("device", device).put("secret", "shown-once"));
        }
        if (method.equals("PATCH") && path.startsWith("/api/v1/assets/legacy-new-")) {
            return json(request, 404, new JsonObject().put("status", 404).put("detail", "asset not found"));
        }
        if (method.equals("POST") && path.equals("/api/v1/assets") && body.contains("\"id\":\"legacy-")) {
            return json(request, 201, new JsonObject(body).put("location", (Object) null));
        }
        if (method.equals("GET") && path.startsWith("/api/v1/assets/legacy-")) {
            String id = path.split("/")[4];
            return json(request, 200, path.endsWith("/slots") ? slots() : asset(id));
        }
        if (method.equals("GET") && path.startsWith("/api/v1/products/legacy-")) {
            String id = path.split("/")[4];
            return json(request, 200, new JsonObject().put("id", id).put("category", "drinks"));
        }
        return false;
    }

    static JsonObject vendingShadow() {
        JsonObject reported = new JsonObject()
                .put("cabinet_temperature", 4.5)
                .put("mode", "normal")
                .put("current_cash", 120.5);
        return new JsonObject()
                .put("state", new JsonObject().put("desired", new JsonObject()).put("reported", reported))
                .put("version", 7);
    }

    private static JsonObject device(String id, boolean online) {
        return new JsonObject()
                .put("id", id)
                .put("type", "vending-machine")
                .put("name", "Machine " + id)
                .put("manufacturer", "VendCo")
                .put("online", online);
    }

    private static JsonObject asset(String id) {
        int empty = id.endsWith("-empty") ? 2 : id.endsWith("-full") ? 0 : 1;
        int below = id.endsWith("-full") ? 0 : 2;
        JsonObject inventory = new JsonObject()
                .put("slots", 2)
                .put("capacity", 20)
                .put("units", 4)
                .put("slotsBelowThreshold", below)
                .put("emptySlots", empty);
        return new JsonObject()
                .put("id", id)
                .put("type", "vending-machine")
                .put("placement", "Lobby, left of the lifts")
                .put("lastMaintenance", "2026-10-02")
                .put(
                        "location",
                        new JsonObject()
                                .put("kind", "building")
                                .put("name", "B1")
                                .put("path", "Acme / Central Station / B1"))
                .put(
                        "vendingMachine",
                        new JsonObject()
                                .put("locationType", "transportation")
                                .put("useType", "public")
                                .put("maintenancePartner", "FixIt")
                                .put("cashCapacity", 500)
                                .put("inventory", inventory));
    }

    private static JsonArray slots() {
        return new JsonArray()
                .add(new JsonObject()
                        .put("slot", "A1")
                        .put("productId", "legacy-cola")
                        .put("productName", "Cola")
                        .put("capacity", 10)
                        .put("quantity", 0)
                        .put("price", 1.5)
                        .put("currency", "EUR"))
                .add(new JsonObject()
                        .put("slot", "A2")
                        .put("productId", "legacy-water")
                        .put("productName", "Water")
                        .put("capacity", 10)
                        .put("quantity", 4)
                        .put("price", 1.0)
                        .put("currency", "EUR"));
    }

    private static boolean json(HttpServerRequest request, int status, Object answer) {
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(answer.toString());
        return true;
    }
}
