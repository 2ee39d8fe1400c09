package io.iotsphere.asset;

import java.util.Set;

/** The levels of the location hierarchy: organization → site → building → room (a room may sit in a site). */
public enum LocationKind {
    ORGANIZATION,
    SITE,
    BUILDING,
    ROOM;

    public static final String PATTERN = "organization|site|building|room";

    public String value() {
        return name().toLowerCase();
    }

    public static LocationKind of(String value) {
        return valueOf(value.toUpperCase());
    }

    /** The kinds a location of this kind may be placed under; none for an organization (a root). */
    public Set<LocationKind> parents() {
        return switch (this) {
            case ORGANIZATION -> Set.of();
            case SITE -> Set.of(ORGANIZATION);
            case BUILDING -> Set.of(SITE);
            case ROOM -> Set.of(BUILDING, SITE);
        };
    }
}
