package io.iotsphere.asset.rest;

import java.time.Instant;

/**
 * A relation seen from one asset: {@code outgoing} (this asset contains / manages / feeds {@code asset}) or
 * {@code incoming} ({@code asset} contains / manages / feeds this one). {@code depth} counts the hops from the asset
 * (1 for a direct relation; more in a transitive walk).
 */
public record RelationView(
        String kind, String direction, AssetRef asset, int depth, Instant createdAt, String createdBy) {

    /** The other asset of a relation, in short. */
    public record AssetRef(String id, String type, String name, String status) {}
}
