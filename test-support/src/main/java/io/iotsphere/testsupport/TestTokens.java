package io.iotsphere.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Signed tokens for tests, as the OIDC provider would issue them, with the key pair of {@link JwtTestResource}. Call
 * from inside a Quarkus test (the key's location is read from the test's configuration).
 */
public final class TestTokens {

    private TestTokens() {}

    /** A user token of the tenant with one role (admin, operator, viewer). */
    public static String user(String tenant, String role) {
        return sign(claims(role + "@" + tenant, tenant, role));
    }

    /** A device token, as the device registry issues it: its issuer, role {@code device}, subject = the device id. */
    public static String device(String tenant, String deviceId) {
        return sign(claims(deviceId, tenant, "device").issuer(JwtTestResource.DEVICE_ISSUER));
    }

    /** The claims of a valid token, to adjust before {@link #sign} (expired, other issuer, no tenant...). */
    public static JwtClaimsBuilder claims(String subject, String tenant, String... roles) {
        JwtClaimsBuilder builder = Jwt.issuer(JwtTestResource.ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(roles))
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(Duration.ofMinutes(10));
        if (tenant != null) {
            builder.claim("tenant", tenant);
        }
        return builder;
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("test").sign(privateKey());
    }

    /** The test run's verification key, to check tokens a service signs with the test key. */
    public static PublicKey publicKey() {
        return read(ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey.location", String.class), true);
    }

    /** The test run's signing key, as the service sees it. */
    public static PrivateKey privateKey() {
        return read(ConfigProvider.getConfig().getValue(JwtTestResource.PRIVATE_KEY_LOCATION, String.class), false);
    }

    @SuppressWarnings("unchecked")
    private static <K> K read(String location, boolean publicKey) {
        try {
            String pem = Files.readString(Path.of(URI.create(location)));
            return (K) (publicKey ? KeyUtils.decodePublicKey(pem) : KeyUtils.decodePrivateKey(pem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test key " + location, e);
        }
    }
}
