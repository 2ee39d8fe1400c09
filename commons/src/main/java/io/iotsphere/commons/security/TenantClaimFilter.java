package io.iotsphere.commons.security;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses (401) an authenticated request whose token carries no valid {@code tenant} claim, before any resource runs:
 * every query is scoped by tenant, so such a token can do nothing useful and must not be half-accepted.
 */
public class TenantClaimFilter {

    @Inject
    SecurityIdentity identity;

    @ServerRequestFilter
    public void requireTenant() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        if (!Caller.validTenant(jwt.getClaim(Caller.TENANT_CLAIM))) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.UNAUTHORIZED)
                    .withTitle("Unauthorized")
                    .withDetail("the token carries no valid 'tenant' claim")
                    .build();
        }
    }
}
