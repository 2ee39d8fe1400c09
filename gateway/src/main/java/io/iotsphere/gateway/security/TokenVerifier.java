package io.iotsphere.gateway.security;

import io.iotsphere.commons.security.Caller;
import io.iotsphere.commons.security.DeviceAwareJwtCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Verifies a bearer token exactly as the services do (users' issuer and key, or the registry's for devices: RS256
 * signature, issuer, expiry; {@code alg: none} and unknown keys fail), and requires a valid tenant claim.
 */
@ApplicationScoped
public class TokenVerifier {

    /** Why a token was refused, in words safe to show the caller. */
    public static class InvalidToken extends Exception {
        public InvalidToken(String message) {
            super(message);
        }
    }

    @Inject
    DeviceAwareJwtCallerPrincipalFactory factory;

    @Inject
    JWTAuthContextInfo context;

    public Principal verify(String authorization) throws InvalidToken {
        if (authorization == null || authorization.isBlank()) {
            throw new InvalidToken("a bearer token is required");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new InvalidToken("the Authorization header must carry a bearer token");
        }
        return verifyToken(authorization.substring(7).trim());
    }

    public Principal verifyToken(String token) throws InvalidToken {
        JWTCallerPrincipal jwt;
        try {
            jwt = factory.parse(token, context);
        } catch (ParseException e) {
            throw new InvalidToken("the token is invalid or expired");
        }
        Object tenant = jwt.getClaim(Caller.TENANT_CLAIM);
        if (!Caller.validTenant(tenant)) {
            throw new InvalidToken("the token carries no valid 'tenant' claim");
        }
        Set<String> groups = jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups());
        return new Principal(jwt.getSubject(), (String) tenant, groups);
    }
}
