package io.iotsphere.asset;

import java.io.Serializable;
import java.util.Objects;

/** Identity of an entity whose id is text (assets, products): the tenant and the id within it. */
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
}
