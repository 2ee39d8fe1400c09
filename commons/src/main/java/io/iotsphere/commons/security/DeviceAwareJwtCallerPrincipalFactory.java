package io.iotsphere.commons.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Accepts two kinds of token: users' tokens from the OIDC provider ({@code mp.jwt.verify.*}) and devices' tokens from
 * the device registry ({@code iotsphere.jwt.device.issuer} and {@code .publickey.location}). SmallRye JWT verifies a
 * single issuer; this factory looks at the (not yet trusted) {@code iss} and verifies the token fully, signature
 * included, against the settings of that issuer. A device-issued token may carry no role but {@code device}.
 *
 * <p>A token that passed all of this is remembered ({@link VerifiedTokenCache}: by its exact string, until its
 * {@code exp} and at most {@code iotsphere.jwt.cache.max-age}, {@code iotsphere.jwt.cache.max-entries} tokens; 0
 * turns the cache off), so a client that sends the same token with every request is verified once, not every time.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class DeviceAwareJwtCallerPrincipalFactory extends JWTCallerPrincipalFactory {

    private static final JwtConsumer PEEK = new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build();

    private final DefaultJWTCallerPrincipalFactory delegate = new DefaultJWTCallerPrincipalFactory();

    @ConfigProperty(name = "iotsphere.jwt.device.issuer")
    Optional<String> deviceIssuer;

    @ConfigProperty(name = "iotsphere.jwt.device.publickey.location")
    Optional<String> deviceKeyLocation;

    @ConfigProperty(name = "iotsphere.jwt.cache.max-entries", defaultValue = "2048")
    int cacheMaxEntries;

    @ConfigProperty(name = "iotsphere.jwt.cache.max-age", defaultValue = "PT5M")
    Duration cacheMaxAge;

    private volatile JWTAuthContextInfo deviceContext;
    private volatile CacheOf cache;

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo userContext) throws ParseException {
        VerifiedTokenCache verified = cache(userContext);
        if (verified == null) {
            return verify(token, userContext);
        }
        if (verified.get(token) instanceof JWTCallerPrincipal principal) {
            return principal;
        }
        JWTCallerPrincipal principal = verify(token, userContext);
        Long maxTimeToLive = userContext.getMaxTimeToLiveSecs();
        if (maxTimeToLive == null) {
            verified.put(token, principal);
        } else {
            // smallrye.jwt.time-to-live: the token is also refused once that long after its issue.
            verified.put(token, principal, (principal.getIssuedAtTime() + maxTimeToLive) * 1000);
        }
        return principal;
    }

    /** The cache of tokens verified with these settings: the first settings seen (the service's); none for others. */
    private VerifiedTokenCache cache(JWTAuthContextInfo userContext) {
        CacheOf bound = cache;
        if (bound == null) {
            synchronized (this) {
                if (cache == null) {
                    cache = new CacheOf(userContext, new VerifiedTokenCache(cacheMaxEntries, cacheMaxAge.toMillis()));
                }
                bound = cache;
            }
        }
        return bound.context() == userContext ? bound.tokens() : null;
    }

    private record CacheOf(JWTAuthContextInfo context, VerifiedTokenCache tokens) {}

    private JWTCallerPrincipal verify(String token, JWTAuthContextInfo userContext) throws ParseException {
        if (deviceIssuer.isEmpty() || !deviceIssuer.get().equals(unverifiedIssuer(token))) {
            return delegate.parse(token, userContext);
        }
        JWTCallerPrincipal principal = delegate.parse(token, deviceContext(userContext));
        if (!Set.of(Roles.DEVICE).equals(principal.getGroups())) {
            throw new ParseException("a device token may only carry the role 'device'");
        }
        return principal;
    }

    private JWTAuthContextInfo deviceContext(JWTAuthContextInfo userContext) {
        JWTAuthContextInfo context = deviceContext;
        if (context == null) {
            context = new JWTAuthContextInfo(userContext);
            context.setIssuedBy(deviceIssuer.get());
            if (deviceKeyLocation.isPresent()) {
                context.setPublicVerificationKey(null);
                context.setPublicKeyContent(null);
                context.setPublicKeyLocation(deviceKeyLocation.get());
            }
            deviceContext = context;
        }
        return context;
    }

    private static String unverifiedIssuer(String token) {
        try {
            JwtClaims claims = PEEK.processToClaims(token);
            return claims.getIssuer();
        } catch (InvalidJwtException | MalformedClaimException e) {
            return null;
        }
    }
}
