package io.iotsphere.gateway.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One log line per request through the gateway, logger {@code iotsphere.access}: method, route, path, status, latency,
 * subject, tenant and request id, as MDC fields (JSON logs show them under {@code mdc}). Never a token, a query string
 * or a body.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("iotsphere.access");

    void log(ProxyHandler.Exchange exchange, int status, long nanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        try {
            MDC.put("method", exchange.method);
            MDC.put("route", exchange.route == null ? "none" : exchange.route);
            MDC.put("path", exchange.path);
            MDC.put("status", String.valueOf(status));
            MDC.put("latencyMs", String.format("%.2f", nanos / 1e6));
            MDC.put("subject", exchange.subject == null ? "-" : exchange.subject);
            MDC.put("tenant", exchange.tenant == null ? "-" : exchange.tenant);
            MDC.put("requestId", exchange.requestId);
            LOG.infof(
                    "%s %s %d %.1f ms route=%s tenant=%s subject=%s",
                    exchange.method,
                    exchange.path,
                    status,
                    nanos / 1e6,
                    exchange.route,
                    exchange.tenant,
                    exchange.subject);
        } finally {
            for (String key :
                    new String[] {"method", "route", "path", "status", "latencyMs", "subject", "tenant", "requestId"}) {
                MDC.remove(key);
            }
        }
    }
}
