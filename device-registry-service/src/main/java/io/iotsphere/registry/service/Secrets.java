package io.iotsphere.registry.service;

import io.iotsphere.registry.config.RegistryConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * Device secrets: 256 random bits, handed out once, stored as bcrypt hashes. Hashing and verifying are deliberately
 * slow, so they run on worker threads, never on an event loop.
 */
@ApplicationScoped
public class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Vertx vertx;

    @Inject
    RegistryConfig config;

    /** Compared against when there is no credential, so that a wrong id costs as long as a wrong secret. */
    private volatile String decoy;

    public String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Uni<String> hash(String secret) {
        return vertx.executeBlocking(
                Uni.createFrom()
                        .item(() -> BcryptUtil.bcryptHash(
                                secret, config.credentials().bcryptCost())),
                false);
    }

    /** Whether the secret matches the hash; with no hash, compares against a decoy and answers false. */
    public Uni<Boolean> verify(String secret, String hash) {
        return vertx.executeBlocking(
                Uni.createFrom().item(() -> {
                    boolean matches = matches(secret, hash == null ? decoy() : hash);
                    return hash != null && matches;
                }),
                false);
    }

    private String decoy() {
        String d = decoy;
        if (d == null) {
            d = BcryptUtil.bcryptHash(newSecret(), config.credentials().bcryptCost());
            decoy = d;
        }
        return d;
    }

    static boolean matches(String secret, String hash) {
        try {
            Password stored = ModularCrypt.decode(hash);
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT);
            return factory.verify(factory.translate(stored), secret.toCharArray());
        } catch (Exception e) {
            return false;
        }
    }
}
