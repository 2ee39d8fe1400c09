package io.iotsphere.asset;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Identity of an entity whose id the service makes up (locations, maintenance records, movements). */
public class TenantUuidKey implements Serializable {

    public String tenant;
    public UUID id;

    public TenantUuidKey() {}

    public TenantUuidKey(String tenant, UUID id) {
        this.tenant = tenant;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantUuidKey k && Objects.equals(tenant, k.tenant) && Objects.equals(id, k.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, id);
    }
}
