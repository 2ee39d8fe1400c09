package io.iotsphere.asset;

import io.iotsphere.commons.persistence.TenantKey;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A water heater or vending machine of a tenant. Assets of registry devices carry the device id as their id, and the
 * descriptive fields the registry owns (name, manufacturer, model, serial number, tags, attributes); users enrich them
 * with the rest.
 */
@Entity
@Table(name = "assets")
@IdClass(TenantKey.class)
public class Asset extends PanacheEntityBase {

    @Id
    public String tenant;

    @Id
    public String id;

    /** {@link AssetTypes#WATER_HEATER} or {@link AssetTypes#VENDING_MACHINE}. */
    @Column(name = "asset_type")
    public String type;

    @Column(name = "device_linked")
    public boolean deviceLinked;

    /** {@link AssetTypes#ACTIVE} or {@link AssetTypes#DECOMMISSIONED}. */
    public String status = AssetTypes.ACTIVE;

    public String name;
    public String manufacturer;
    public String model;

    @Column(name = "serial_number")
    public String serialNumber;

    public String[] tags = new String[0];

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> attributes = new LinkedHashMap<>();

    @Column(name = "location_id")
    public UUID locationId;

    public String placement;

    @Column(name = "install_date")
    public LocalDate installDate;

    @Column(name = "warranty_end")
    public LocalDate warrantyEnd;

    @Column(name = "last_maintenance")
    public LocalDate lastMaintenance;

    @Column(name = "tank_capacity_litres")
    public BigDecimal tankCapacityLitres;

    @Column(name = "fuel_type")
    public String fuelType;

    @Column(name = "element_type")
    public String elementType;

    @Column(name = "power_kw")
    public BigDecimal powerKw;

    @Column(name = "efficiency_rating")
    public BigDecimal efficiencyRating;

    @Column(name = "location_type")
    public String locationType;

    @Column(name = "use_type")
    public String useType;

    @Column(name = "maintenance_partner")
    public String maintenancePartner;

    @Column(name = "cash_capacity")
    public BigDecimal cashCapacity;

    @Column(name = "device_event_at")
    public Instant deviceEventAt;

    @Column(name = "decommissioned_at")
    public Instant decommissionedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    public boolean isWaterHeater() {
        return AssetTypes.WATER_HEATER.equals(type);
    }

    public boolean isVendingMachine() {
        return AssetTypes.VENDING_MACHINE.equals(type);
    }

    public boolean decommissioned() {
        return AssetTypes.DECOMMISSIONED.equals(status);
    }
}
