package io.iotsphere.asset;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Something done to an asset on a day: the history the prediction service learns from. */
@Entity
@Table(name = "maintenance_records")
@IdClass(TenantUuidKey.class)
public class MaintenanceRecord extends PanacheEntityBase {

    /** What maintenance records may say was done (the API's {@code type}). */
    public static final String TYPES =
            "anode-replacement|flush|element-replacement|valve-replacement|inspection|repair|other";

    @Id
    public String tenant;

    @Id
    public UUID id;

    @Column(name = "asset_id")
    public String assetId;

    @Column(name = "performed_on")
    public LocalDate performedOn;

    public String kind;
    public BigDecimal cost;
    public String currency;
    public String notes;

    @Column(name = "performed_by")
    public String performedBy;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
