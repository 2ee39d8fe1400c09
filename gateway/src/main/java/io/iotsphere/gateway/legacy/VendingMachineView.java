package io.iotsphere.gateway.legacy;

import static io.iotsphere.gateway.legacy.Upstream.number;
import static io.iotsphere.gateway.legacy.Upstream.text;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A vending machine as the original {@code /api/vending-machines} API showed it, composed from the registry's device,
 * the asset service's asset (location, details, inventory, slots) and the shadow's reported state. {@code products} is
 * only in the view of one machine.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VendingMachineView(
        String id,
        String name,
        String manufacturer,
        String model,
        String serialNumber,
        String location,
        String locationBusinessName,
        String subLocation,
        String status,
        boolean online,
        String lastSeen,
        String machineStatus,
        String mode,
        Double temperature,
        Double currentCash,
        Integer totalCapacity,
        Double cashCapacity,
        String locationType,
        String useType,
        String maintenancePartner,
        String lastMaintenanceDate,
        List<Product> products) {

    /** A slot's product: {@code location} is the slot. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Product(
            String productId,
            String name,
            String category,
            Double price,
            String currency,
            int quantity,
            int capacity,
            String location) {}

    /**
     * @param asset the asset, or null when the asset service does not know the machine (yet)
     * @param shadow the shadow, or null when the machine reported nothing yet
     * @param slots the slots, or null for a view without products
     * @param categories product id → category, for the slots' products
     */
    static VendingMachineView of(
            JsonNode device, JsonNode asset, JsonNode shadow, JsonNode slots, Map<String, String> categories) {
        JsonNode reported = shadow == null ? null : shadow.path("state").path("reported");
        JsonNode desired = shadow == null ? null : shadow.path("state").path("desired");
        JsonNode details = asset == null ? null : asset.path("vendingMachine");
        JsonNode inventory = details == null ? null : details.path("inventory");
        JsonNode place = asset == null ? null : asset.get("location");
        boolean online = device.path("online").asBoolean(false);
        String mode = text(desired, "mode");
        Double capacity = number(inventory, "capacity");
        return new VendingMachineView(
                device.path("id").asText(),
                text(device, "name"),
                text(device, "manufacturer"),
                text(device, "model"),
                text(device, "serialNumber"),
                place != null && !place.isNull() ? text(place, "path") : text(device.path("attributes"), "location"),
                businessName(place),
                text(asset, "placement"),
                text(device, "status"),
                online,
                text(device, "lastSeen"),
                machineStatus(online, inventory),
                mode != null ? mode : text(reported, "mode"),
                number(reported, "cabinet_temperature"),
                number(reported, "current_cash"),
                capacity == null ? null : capacity.intValue(),
                number(details, "cashCapacity"),
                text(details, "locationType"),
                text(details, "useType"),
                text(details, "maintenancePartner"),
                text(asset, "lastMaintenance"),
                slots == null ? null : products(slots, categories));
    }

    /**
     * OFFLINE when the device is not connected; else OUT_OF_STOCK when every configured slot is empty, NEEDS_RESTOCK
     * when a slot is below its threshold, OPERATIONAL otherwise (also when no slot is configured yet).
     */
    static String machineStatus(boolean online, JsonNode inventory) {
        if (!online) {
            return "OFFLINE";
        }
        int slots = inventory == null ? 0 : inventory.path("slots").asInt(0);
        if (slots > 0 && inventory.path("emptySlots").asInt(0) >= slots) {
            return "OUT_OF_STOCK";
        }
        if (slots > 0 && inventory.path("slotsBelowThreshold").asInt(0) > 0) {
            return "NEEDS_RESTOCK";
        }
        return "OPERATIONAL";
    }

    /** The site the machine stands in: the second name of its location path (organization / site / ...). */
    private static String businessName(JsonNode place) {
        if (place == null || place.isNull()) {
            return null;
        }
        if ("site".equals(text(place, "kind"))) {
            return text(place, "name");
        }
        String path = text(place, "path");
        String[] names = path == null ? new String[0] : path.split(" / ");
        return names.length >= 2 ? names[1] : null;
    }

    private static List<Product> products(JsonNode slots, Map<String, String> categories) {
        List<Product> products = new ArrayList<>();
        for (JsonNode slot : slots) {
            String productId = text(slot, "productId");
            products.add(new Product(
                    productId,
                    text(slot, "productName"),
                    productId == null ? null : categories.get(productId),
                    number(slot, "price"),
                    text(slot, "currency"),
                    slot.path("quantity").asInt(0),
                    slot.path("capacity").asInt(0),
                    text(slot, "slot")));
        }
        return products;
    }
}
