package io.iotsphere.asset.messaging;

import io.iotsphere.asset.Asset;
import io.iotsphere.asset.VendingSlot;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.inventory.RestockNeeded;
import java.time.Instant;

/** The asset service's events on {@code asset-events}, built from its entities (the one place domain → contract). */
public final class AssetEvents {

    private AssetEvents() {}

    public static CloudEvent<RestockNeeded> restockNeeded(
            Asset machine, VendingSlot s, String productName, Instant at) {
        return CloudEvent.of(
                Sources.ASSET,
                EventTypes.INVENTORY_RESTOCK_NEEDED,
                machine.id,
                machine.tenant,
                new RestockNeeded(
                        machine.id,
                        machine.deviceLinked ? machine.id : null,
                        s.slot,
                        s.productId,
                        productName,
                        s.quantity,
                        s.restockThreshold,
                        s.capacity,
                        at));
    }
}
