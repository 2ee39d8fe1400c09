package io.iotsphere.gateway.security;

import io.iotsphere.gateway.proxy.RouteTable;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Set;

/**
 * Role-based access per route: viewers read, operators and admins write (as the route configures), devices only use
 * the methods the route grants them, and only on their own device: another device's path is answered as if it did
 * not exist.
 */
public final class AccessPolicy {

    public enum Verdict {
        ALLOW,
        FORBIDDEN,
        NOT_FOUND
    }

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private AccessPolicy() {}

    public static Verdict decide(Principal who, HttpMethod method, RouteTable.Match match) {
        var route = match.route().config();
        if (who.isDevice()) {
            String device = match.variables().get("id");
            if (device != null && !device.equals(who.subject())) {
                return Verdict.NOT_FOUND;
            }
            List<String> methods = route.deviceMethods().orElse(List.of());
            return methods.contains(method.name()) ? Verdict.ALLOW : Verdict.FORBIDDEN;
        }
        return who.hasAnyRole(READS.contains(method) ? route.readRoles() : route.writeRoles())
                ? Verdict.ALLOW
                : Verdict.FORBIDDEN;
    }
}
