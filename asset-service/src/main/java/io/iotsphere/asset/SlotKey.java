package io.iotsphere.asset;

import java.io.Serializable;
import java.util.Objects;

/** Identity of a slot: the vending machine (asset) and the slot id within it. */
public class SlotKey implements Serializable {

    public String tenant;
    public String assetId;
    public String slot;

    public SlotKey() {}

    public SlotKey(String tenant, String assetId, String slot) {
        this.tenant = tenant;
        this.assetId = assetId;
        this.slot = slot;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlotKey k
                && Objects.equals(tenant, k.tenant)
                && Objects.equals(assetId, k.assetId)
                && Objects.equals(slot, k.slot);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, assetId, slot);
    }
}
