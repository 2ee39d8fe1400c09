package io.iotsphere.registry.rest;

/** A device token (OAuth 2 token response shape). */
public record TokenResponse(String accessToken, String tokenType, long expiresIn) {}
