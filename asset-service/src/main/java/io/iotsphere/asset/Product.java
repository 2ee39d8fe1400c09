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

/** Something a tenant sells from vending machines. */
@Entity
@Table(name = "products")
@IdClass(TenantKey.class)
public class Product extends PanacheEntityBase {

    @Id
    public String tenant;

    @Id
    public String id;

    public String name;
    public String category;
    public String description;

    /** Default price of the product; a slot may set its own. */
    @Column(name = "unit_price")
    public BigDecimal unitPrice;

    public String currency;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
