package io.iotsphere.asset;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** An organization, site, building or room of a tenant, in one tree per organization. */
@Entity
@Table(name = "locations")
@IdClass(TenantUuidKey.class)
public class Location extends PanacheEntityBase {

    @Id
    public String tenant;

    @Id
    public UUID id;

    @Convert(converter = LocationKindConverter.class)
    public LocationKind kind;

    @Column(name = "parent_id")
    public UUID parentId;

    public String name;

    /** Ids from the root down to this location, itself last. */
    public UUID[] path;

    public String address;
    public String city;
    public String country;
    public Double latitude;
    public Double longitude;
    public String timezone;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
