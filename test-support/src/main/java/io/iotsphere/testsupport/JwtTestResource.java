package io.iotsphere.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/**
 * A fresh RSA key pair for the test run, standing in for the OIDC provider: the service verifies user tokens with the
 * public key ({@code mp.jwt.verify.publickey.location}) and {@link TestTokens} signs them with the private key. Device
 * tokens have an issuer of their own, verified with the same key. The private key's file is also offered to services
 * that sign tokens themselves ({@code smallrye.jwt.sign.key.location}).
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://iotsphere.test/users";
    public static final String DEVICE_ISSUER = "https://iotsphere.test/devices";
    static final String PRIVATE_KEY_LOCATION = "iotsphere.test.jwt.private-key-location";

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            dir = Files.createTempDirectory("iotsphere-jwt-");
            Path publicKey = dir.resolve("public.pem");
            Path privateKey = dir.resolve("private.pem");
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return Map.of(
                    "mp.jwt.verify.publickey.location",
                    publicKey.toUri().toString(),
                    "mp.jwt.verify.issuer",
                    ISSUER,
                    "iotsphere.jwt.device.issuer",
                    DEVICE_ISSUER,
                    PRIVATE_KEY_LOCATION,
                    privateKey.toUri().toString(),
                    "smallrye.jwt.sign.key.location",
                    privateKey.toUri().toString());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a test key pair", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.getLogger(getClass().getName()).log(System.Logger.Level.WARNING, "cannot delete " + dir, e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
