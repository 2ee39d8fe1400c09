package io.iotsphere.registry;

import io.iotsphere.commons.persistence.TenantKey;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "devices")
@IdClass(TenantKey.class)
public class Device extends PanacheEntityBase {

    @Id
    public String tenant;

    @Id
    public String id;

    @Column(name = "device_type")
    public String type;

    public String name;
    public String manufacturer;
    public String model;

    @Column(name = "serial_number")
    public String serialNumber;

    /** A PostgreSQL {@code text[]} (GIN-indexed for the tag filter). */
    public String[] tags = new String[0];

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> attributes = new LinkedHashMap<>();

    public boolean simulated;

    @Convert(converter = LifecycleStatusConverter.class)
    public LifecycleStatus status = LifecycleStatus.REGISTERED;

    public boolean online;

    @Column(name = "last_seen")
    public Instant lastSeen;

    @Column(name = "presence_changed_at")
    public Instant presenceChangedAt;

    @Column(name = "decommission_reason")
    public String decommissionReason;

    @Column(name = "decommissioned_at")
    public Instant decommissionedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    public boolean decommissioned() {
        return status == LifecycleStatus.DECOMMISSIONED;
    }
}
