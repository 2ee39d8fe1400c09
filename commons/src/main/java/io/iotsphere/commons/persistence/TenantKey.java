package io.iotsphere.commons.persistence;

import java.io.Serializable;
import java.util.Objects;

/**
 * The identity of an entity whose id is unique within its tenant (a device, an asset, a product): the tenant and the
 * id. Used as the JPA {@code @IdClass} of such entities, whose id fields must then be named {@code tenant} and
 * {@code id}.
 */
public class TenantKey implements Serializable {

    public String tenant;
    public String id;

    public TenantKey() {}

    public TenantKey(String tenant, String id) {
        this.tenant = tenant;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantKey k && Objects.equals(tenant, k.tenant) && Objects.equals(id, k.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, id);
    }

    @Override
    public String toString() {
        return tenant + "/" + id;
    }
}
