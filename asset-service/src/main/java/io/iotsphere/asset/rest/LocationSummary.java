package io.iotsphere.asset.rest;

/** Where an asset is: the location, and the names from the organization down to it ("Acme / HQ / B1 / Boiler room"). */
public record LocationSummary(String id, String kind, String name, String path) {}
