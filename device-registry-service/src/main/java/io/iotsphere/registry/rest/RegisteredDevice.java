package io.iotsphere.registry.rest;

/** A newly registered device and its secret. The secret is shown this once: only its hash is kept. */
public record RegisteredDevice(DeviceView device, String secret) {}
