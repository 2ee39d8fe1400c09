package io.iotsphere.contracts.device;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Lifecycle and presence status of a device as the registry reports it. */
public enum DeviceStatus {
    @JsonProperty("registered")
    REGISTERED,
    @JsonProperty("active")
    ACTIVE,
    @JsonProperty("online")
    ONLINE,
    @JsonProperty("offline")
    OFFLINE,
    @JsonProperty("decommissioned")
    DECOMMISSIONED
}
