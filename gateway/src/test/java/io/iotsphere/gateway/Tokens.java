package io.iotsphere.gateway;

import io.iotsphere.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Tokens for the gateway's tests, good and bad. */
final class Tokens {

    private Tokens() {}

    static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static String user(String tenant, String role) {
        return TestTokens.user(tenant, role);
    }

    static String device(String tenant, String id) {
        return TestTokens.device(tenant, id);
    }

    static String expired(String tenant) {
        return TestTokens.sign(TestTokens.claims("late@" + tenant, tenant, "admin")
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)));
    }

    /** A valid admin token that expires a few seconds from now. */
    static String expiringIn(String tenant, long seconds) {
        return TestTokens.sign(TestTokens.claims("brief@" + tenant, tenant, "admin")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(seconds)));
    }

    static String wrongIssuer(String tenant) {
        return TestTokens.sign(TestTokens.claims("x@" + tenant, tenant, "admin").issuer("https://evil.example/realm"));
    }

    static String withoutTenant() {
        return TestTokens.sign(TestTokens.claims("nobody", null, "admin"));
    }

    /** Signed with a key the gateway does not trust. */
    static String otherKey(String tenant) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return TestTokens.claims("x@" + tenant, tenant, "admin")
                    .jws()
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}) with otherwise valid claims. */
    static String unsigned(String tenant) {
        String valid = user(tenant, "admin");
        String payload = valid.split("\\.")[1];
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }
}
