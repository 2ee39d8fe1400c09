package io.iotsphere.asset.rest;

import java.time.Instant;
import java.util.List;

/** A location; {@code ancestors} from the organization down to its parent, {@code path} their names and its own. */
public record LocationView(
        String id,
        String kind,
        String name,
        String parentId,
        List<LocationRef> ancestors,
        String path,
        String address,
        String city,
        String country,
        Double latitude,
        Double longitude,
        String timezone,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public record LocationRef(String id, String kind, String name) {}
}
