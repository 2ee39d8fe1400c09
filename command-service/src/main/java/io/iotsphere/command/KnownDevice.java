package io.iotsphere.command;

import io.iotsphere.commons.persistence.TenantKey;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A device as the registry announced it on {@code device-lifecycle}: its type, whether retired, its presence. */
@Entity
@Table(name = "devices")
@IdClass(TenantKey.class)
public class KnownDevice extends PanacheEntityBase {

    @Id
    public String tenant;

    @Id
    public String id;

    @Column(name = "device_type")
    public String type;

    public boolean decommissioned;

    public boolean online;

    @Column(name = "presence_changed_at")
    public Instant presenceChangedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
