package io.iotsphere.command;

import java.io.Serializable;
import java.util.Objects;

/** Identity of a device: the tenant and the id within it. */
public class DeviceKey implements Serializable {

    public String tenant;
    public String id;

    public DeviceKey() {}

    public DeviceKey(String tenant, String id) {
        this.tenant = tenant;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceKey k && Objects.equals(tenant, k.tenant) && Objects.equals(id, k.id);
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
