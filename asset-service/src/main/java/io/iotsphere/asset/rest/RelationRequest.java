package io.iotsphere.asset.rest;

import io.iotsphere.asset.AssetRelation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A relation from the asset of the path to {@code targetId}: it contains, manages or feeds the target. */
public record RelationRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = AssetRelation.KINDS, message = "must be contains, manages or feeds")
        String kind,

        @NotNull(message = "is required") @Pattern(regexp = Validation.ASSET_ID, message = Validation.ASSET_ID_MESSAGE)
        String targetId) {}
