package io.iotsphere.asset;

import java.util.Set;

/** The device types that become assets (ids of the registry's catalog); other device types are not assets. */
public final class AssetTypes {

    public static final String WATER_HEATER = "water-heater";
    public static final String VENDING_MACHINE = "vending-machine";
    public static final Set<String> ALL = Set.of(WATER_HEATER, VENDING_MACHINE);
    /** For validation annotations. */
    public static final String PATTERN = "water-heater|vending-machine";

    public static final String ACTIVE = "active";
    public static final String DECOMMISSIONED = "decommissioned";

    private AssetTypes() {}
}
