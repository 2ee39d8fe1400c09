package io.iotsphere.registry;

import io.iotsphere.contracts.device.Capabilities;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A device type of the platform-wide catalog: what its devices report and obey, as data. */
@Entity
@Table(name = "device_types")
public class DeviceType extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "display_name")
    public String displayName;

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    public Capabilities capabilities;

    /** Bumped by every change; carried by the catalog events so that consumers keep the newest. */
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
