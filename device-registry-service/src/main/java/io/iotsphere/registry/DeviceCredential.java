package io.iotsphere.registry;

import io.iotsphere.commons.persistence.TenantKey;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A device's secret, stored only as a bcrypt hash; revoked credentials keep no hash. */
@Entity
@Table(name = "device_credentials")
@IdClass(TenantKey.class)
public class DeviceCredential extends PanacheEntityBase {

    @Id
    public String tenant;

    /** The device's id (column {@code device_id}). */
    @Id
    @Column(name = "device_id")
    public String id;

    @Column(name = "secret_hash")
    public String secretHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "rotated_at")
    public Instant rotatedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean usable() {
        return revokedAt == null && secretHash != null;
    }
}
