package io.iotsphere.asset;

import java.io.Serializable;
import java.util.Objects;

/** Identity of a relation: source, kind and target within a tenant. */
public class RelationKey implements Serializable {

    public String tenant;
    public String sourceId;
    public String kind;
    public String targetId;

    public RelationKey() {}

    public RelationKey(String tenant, String sourceId, String kind, String targetId) {
        this.tenant = tenant;
        this.sourceId = sourceId;
        this.kind = kind;
        this.targetId = targetId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelationKey k
                && Objects.equals(tenant, k.tenant)
                && Objects.equals(sourceId, k.sourceId)
                && Objects.equals(kind, k.kind)
                && Objects.equals(targetId, k.targetId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, sourceId, kind, targetId);
    }
}
