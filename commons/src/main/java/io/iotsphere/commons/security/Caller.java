package io.iotsphere.commons.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the subject, tenant and roles of the validated JWT of the current request. Every query a service
 * runs is scoped by {@link #tenant()}; a token without a valid {@code tenant} claim never reaches a resource (see
 * {@link TenantClaimFilter}).
 */
@RequestScoped
public class Caller {

    public static final String TENANT_CLAIM = "tenant";

    /** Tenant ids: lower-case letters, digits and dashes, as used in MQTT topics and CloudEvents. */
    public static final Pattern TENANT = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    @Inject
    JsonWebToken jwt;

    public String tenant() {
        return jwt.getClaim(TENANT_CLAIM);
    }

    public String subject() {
        return jwt.getSubject();
    }

    public boolean hasRole(String role) {
        return jwt.getGroups() != null && jwt.getGroups().contains(role);
    }

    /** A device token (role {@code device}) may only act for the device named in its subject. */
    public boolean isDevice() {
        return hasRole(Roles.DEVICE);
    }

    /** Whether this caller may act for the device: any user of the tenant, or the device itself. */
    public boolean mayActFor(String deviceId) {
        return !isDevice() || deviceId.equals(subject());
    }

    public static boolean validTenant(Object tenant) {
        return tenant instanceof String t && TENANT.matcher(t).matches();
    }
}
