package io.iotsphere.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
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

    /** The test run's signing key, as the service sees it. */
    public static PrivateKey privateKey() {
        String location = ConfigProvider.getConfig().getValue(JwtTestResource.PRIVATE_KEY_LOCATION, String.class);
        try {
            String pem = Files.readString(Path.of(location));
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test signing key " + location, e);
        }
    }
}
