package io.iotsphere.asset;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;

/** A slot of a vending machine: what it holds, how much of it, at what price, and when to restock it. */
@Entity
@Table(name = "vending_slots")
@IdClass(SlotKey.class)
public class VendingSlot extends PanacheEntityBase {

    /** Slot ids: the sub-keys of the telemetry metrics {@code sales.<slot>} and {@code inventory.<slot>}. */
    public static final String ID = "^[A-Za-z0-9_-]{1,32}$";

    @Id
    public String tenant;

    @Id
    @Column(name = "asset_id")
    public String assetId;

    @Id
    public String slot;

    @Column(name = "product_id")
    public String productId;

    public int capacity;
    public int quantity;
    public BigDecimal price;
    public String currency;

    /** The restock alert fires when {@code quantity < restockThreshold}; null: no alerts. */
    @Column(name = "restock_threshold")
    public Integer restockThreshold;

    @Column(name = "alert_open")
    public boolean alertOpen;

    /** When the level was last known absolutely; sales of earlier readings are already in it. */
    @Column(name = "level_at")
    public Instant levelAt;

    @Column(name = "last_sale_at")
    public Instant lastSaleAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    public boolean belowThreshold() {
        return restockThreshold != null && quantity < restockThreshold;
    }
}
