package io.iotsphere.asset.service;

import io.iotsphere.asset.Asset;
import io.iotsphere.asset.AssetRelation;
import io.iotsphere.asset.RelationKey;
import io.iotsphere.asset.config.AssetConfig;
import io.iotsphere.asset.repository.RelationSearch;
import io.iotsphere.asset.rest.RelationRequest;
import io.iotsphere.asset.rest.RelationView;
import io.iotsphere.commons.persistence.TenantKey;
import io.iotsphere.commons.rest.Page;
import io.iotsphere.commons.rest.PageRequest;
import io.iotsphere.commons.rest.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Relations between assets: contains (physical containment: an asset is inside one container at most, and never
 * inside itself, however deep), manages and feeds (any directed graph without self-loops).
 */
@ApplicationScoped
public class RelationService {

    @Inject
    RelationSearch search;

    @Inject
    AssetConfig config;

    public Uni<RelationView> add(String tenant, String actor, String sourceId, RelationRequest r) {
        if (sourceId.equals(r.targetId())) {
            throw Problems.badRequest("targetId: an asset cannot relate to itself");
        }
        return Panache.withTransaction(() -> AssetService.find(tenant, sourceId)
                        .chain(source -> Asset.<Asset>findById(new TenantKey(tenant, r.targetId()))
                                .onItem()
                                .ifNull()
                                .failWith(() -> Problems.badRequest("targetId: asset '" + r.targetId() + "' not found"))
                                .chain(target -> AssetRelation.<AssetRelation>findById(
                                                new RelationKey(tenant, sourceId, r.kind(), r.targetId()))
                                        .chain(existing -> {
                                            if (existing != null) {
                                                throw Problems.conflict("'" + sourceId + "' already " + r.kind() + " '"
                                                        + r.targetId() + "'");
                                            }
                                            return AssetRelation.CONTAINS.equals(r.kind())
                                                    ? checkContainment(tenant, sourceId, r.targetId())
                                                    : Uni.createFrom().voidItem();
                                        })
                                        .chain(() -> {
                                            AssetRelation relation = new AssetRelation();
                                            relation.tenant = tenant;
                                            relation.sourceId = sourceId;
                                            relation.kind = r.kind();
                                            relation.targetId = r.targetId();
                                            relation.createdBy = actor;
                                            relation.createdAt = Instant.now();
                                            return relation.<AssetRelation>persist()
                                                    .map(saved -> new RelationView(
                                                            saved.kind,
                                                            "outgoing",
                                                            new RelationView.AssetRef(
                                                                    target.id, target.type, target.name, target.status),
                                                            1,
                                                            saved.createdAt,
                                                            saved.createdBy));
                                        }))))
                .onFailure(Errors::isUniqueViolation)
                .transform(e -> Problems.conflict("'" + r.targetId() + "' is already inside another asset, or the"
                        + " relation was added meanwhile"));
    }

    /**
     * An asset is inside one container at most, and a container cannot end up inside what it contains: walks up from
     * the new container through its containers, looking for the asset it is to contain.
     */
    private Uni<Void> checkContainment(String tenant, String containerId, String containedId) {
        return AssetRelation.<AssetRelation>find(
                        "tenant = ?1 and targetId = ?2 and kind = ?3", tenant, containedId, AssetRelation.CONTAINS)
                .firstResult()
                .chain(current -> {
                    if (current != null) {
                        throw Problems.conflict("'" + containedId + "' is already inside '" + current.sourceId
                                + "': an asset is inside one container at most");
                    }
                    return walkUp(tenant, containerId, containedId, 0);
                });
    }

    private Uni<Void> walkUp(String tenant, String at, String forbidden, int depth) {
        if (depth > config.relations().maxDepth() * 4) {
            return Uni.createFrom().voidItem();
        }
        return AssetRelation.<AssetRelation>find(
                        "tenant = ?1 and targetId = ?2 and kind = ?3", tenant, at, AssetRelation.CONTAINS)
                .firstResult()
                .chain(container -> {
                    if (container == null) {
                        return Uni.createFrom().voidItem();
                    }
                    if (container.sourceId.equals(forbidden)) {
                        throw Problems.conflict("'" + forbidden + "' contains '" + at
                                + "' already: an asset cannot end up inside itself");
                    }
                    return walkUp(tenant, container.sourceId, forbidden, depth + 1);
                });
    }

    public Uni<Page<RelationView>> list(
            String tenant, String assetId, String kind, String direction, boolean transitive, PageRequest page) {
        if (transitive && (kind == null || direction.equals("both"))) {
            throw Problems.badRequest("a transitive walk follows one kind in one direction: give kind and direction"
                    + " (outgoing or incoming)");
        }
        return Panache.withSession(() -> AssetService.find(tenant, assetId))
                .chain(() -> transitive
                        ? search.walk(
                                tenant,
                                assetId,
                                kind,
                                direction,
                                config.relations().maxDepth(),
                                page.size,
                                page.offset())
                        : search.direct(tenant, assetId, kind, direction, page.size, page.offset()))
                .map(result -> Page.of(result.relations(), page, result.total()));
    }

    public Uni<Void> delete(String tenant, String sourceId, String kind, String targetId) {
        return Panache.withTransaction(() -> AssetService.find(tenant, sourceId)
                .chain(() -> AssetRelation.<AssetRelation>findById(new RelationKey(tenant, sourceId, kind, targetId)))
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("'" + sourceId + "' does not " + kind + " '" + targetId + "'"))
                .chain(relation -> relation.delete()));
    }
}
