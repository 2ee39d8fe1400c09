package io.iotsphere.command;

import io.iotsphere.contracts.device.Capabilities;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A device type of the registry's catalog, newest version: the commands its devices accept. */
@Entity
@Table(name = "device_types")
public class KnownDeviceType extends PanacheEntityBase {

    @Id
    public String id;

    @JdbcTypeCode(SqlTypes.JSON)
    public Capabilities capabilities;

    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
