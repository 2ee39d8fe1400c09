package io.iotsphere.commons.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeviceAwareJwtCallerPrincipalFactoryTest {

    private static final String ISSUER = "https://iotsphere.test/users";
    private static final String DEVICE_ISSUER = "https://iotsphere.test/devices";

    private static KeyPair keys;
    private static KeyPair otherKeys;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        otherKeys = generator.generateKeyPair();
    }

    private final JWTAuthContextInfo context = new JWTAuthContextInfo(keys.getPublic(), ISSUER);

    @Test
    void verifiesATokenOnceAndThenKnowsIt() throws Exception {
        DeviceAwareJwtCallerPrincipalFactory factory = factory(100);
        String token = token(ISSUER, "operator", keys.getPrivate(), Duration.ofMinutes(5));

        JWTCallerPrincipal first = factory.parse(token, context);
        assertEquals("acme", first.getClaim("tenant"));
        assertSame(first, factory.parse(token, context));
    }

    @Test
    void neverAcceptsATokenThatDiffersFromAVerifiedOne() throws Exception {
        DeviceAwareJwtCallerPrincipalFactory factory = factory(100);
        String token = token(ISSUER, "operator", keys.getPrivate(), Duration.ofMinutes(5));
        factory.parse(token, context);

        // A character of the signature changed (not the last one: its low bits are padding, ignored when decoded).
        int at = token.length() - 10;
        String signatureChanged =
                token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertThrows(ParseException.class, () -> factory.parse(signatureChanged, context));
        String otherKey = token(ISSUER, "operator", otherKeys.getPrivate(), Duration.ofMinutes(5));
        assertThrows(ParseException.class, () -> factory.parse(otherKey, context));
        String[] parts = token.split("\\.");
        String unsigned = parts[0] + "." + parts[1] + ".";
        assertThrows(ParseException.class, () -> factory.parse(unsigned, context));
    }

    @Test
    void refusesADeviceTokenWithAUserRoleEveryTime() throws Exception {
        DeviceAwareJwtCallerPrincipalFactory factory = factory(100);
        String device = token(DEVICE_ISSUER, "device", keys.getPrivate(), Duration.ofMinutes(5));
        String escalated = token(DEVICE_ISSUER, "operator", keys.getPrivate(), Duration.ofMinutes(5));

        assertEquals(Set.of("device"), factory.parse(device, context).getGroups());
        assertThrows(ParseException.class, () -> factory.parse(escalated, context));
        assertThrows(ParseException.class, () -> factory.parse(escalated, context));
    }

    @Test
    void verifiesEveryTimeWhenTheCacheIsOffOrTheSettingsDiffer() throws Exception {
        String token = token(ISSUER, "operator", keys.getPrivate(), Duration.ofMinutes(5));
        DeviceAwareJwtCallerPrincipalFactory off = factory(0);
        assertNotSame(off.parse(token, context), off.parse(token, context));

        DeviceAwareJwtCallerPrincipalFactory factory = factory(100);
        factory.parse(token, context);
        JWTAuthContextInfo otherKey = new JWTAuthContextInfo(otherKeys.getPublic(), ISSUER);
        assertThrows(ParseException.class, () -> factory.parse(token, otherKey));
    }

    @Test
    void refusesAnExpiredToken() {
        DeviceAwareJwtCallerPrincipalFactory factory = factory(100);
        String expired = Jwt.issuer(ISSUER)
                .subject("operator@acme")
                .groups("operator")
                .claim("tenant", "acme")
                .issuedAt(System.currentTimeMillis() / 1000 - 3600)
                .expiresAt(System.currentTimeMillis() / 1000 - 1800)
                .sign(keys.getPrivate());
        assertThrows(ParseException.class, () -> factory.parse(expired, context));
    }

    private static DeviceAwareJwtCallerPrincipalFactory factory(int maxEntries) {
        DeviceAwareJwtCallerPrincipalFactory factory = new DeviceAwareJwtCallerPrincipalFactory();
        factory.deviceIssuer = Optional.of(DEVICE_ISSUER);
        factory.deviceKeyLocation = Optional.empty();
        factory.cacheMaxEntries = maxEntries;
        factory.cacheMaxAge = Duration.ofMinutes(5);
        return factory;
    }

    private static String token(String issuer, String role, PrivateKey key, Duration lifetime) {
        return Jwt.issuer(issuer)
                .subject(role + "@acme")
                .groups(role)
                .claim("tenant", "acme")
                .expiresIn(lifetime)
                .sign(key);
    }
}
