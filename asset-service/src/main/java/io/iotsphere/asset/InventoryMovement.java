package io.iotsphere.asset;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One line of a vending machine's inventory ledger. */
@Entity
@Table(name = "inventory_movements")
@IdClass(TenantUuidKey.class)
public class InventoryMovement extends PanacheEntityBase {

    public static final String SALE = "sale";
    public static final String COUNT = "count";
    public static final String RESTOCK = "restock";
    public static final String CORRECTION = "correction";
    public static final String KINDS = "sale|count|restock|correction";

    @Id
    public String tenant;

    @Id
    public UUID id;

    @Column(name = "asset_id")
    public String assetId;

    public String slot;
    public String kind;

    /** sale: units sold; count: units the machine reported; restock: units added; correction: the level set. */
    public int units;

    @Column(name = "quantity_before")
    public Integer quantityBefore;

    @Column(name = "quantity_after")
    public Integer quantityAfter;

    public String note;

    @Column(name = "event_id")
    public String eventId;

    /** Who: the token subject of a user, or {@code telemetry}. */
    public String actor;

    public Instant at;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    /** The order lines were written in (set by the database). */
    @Column(insertable = false, updatable = false)
    public Long seq;
}
