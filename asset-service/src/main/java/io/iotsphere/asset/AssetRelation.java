package io.iotsphere.asset;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A directed relation between two assets of a tenant: the source contains, manages or feeds the target. */
@Entity
@Table(name = "asset_relations")
@IdClass(RelationKey.class)
public class AssetRelation extends PanacheEntityBase {

    public static final String CONTAINS = "contains";
    public static final String KINDS = "contains|manages|feeds";

    @Id
    public String tenant;

    @Id
    @Column(name = "source_id")
    public String sourceId;

    @Id
    public String kind;

    @Id
    @Column(name = "target_id")
    public String targetId;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;
}
