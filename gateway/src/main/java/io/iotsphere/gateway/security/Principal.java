package io.iotsphere.gateway.security;

import io.iotsphere.commons.security.Roles;
import java.util.Set;

/** Who a verified token speaks for. */
public record Principal(String subject, String tenant, Set<String> roles) {

    public boolean isDevice() {
        return roles.contains(Roles.DEVICE);
    }

    public boolean hasAnyRole(java.util.Collection<String> allowed) {
        for (String role : roles) {
            if (allowed.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
