package io.iotsphere.commons.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
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

    private volatile JWTAuthContextInfo deviceContext;

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo userContext) throws ParseException {
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
