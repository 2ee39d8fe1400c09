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
        // Plain concatenation: String.format (java.util.Formatter) cost more than the rest of the line on the hot path.
        String latency = millis(nanos);
        String route = exchange.route == null ? "none" : exchange.route;
        try {
            MDC.put("method", exchange.method);
            MDC.put("route", route);
            MDC.put("path", exchange.path);
            MDC.put("status", Integer.toString(status));
            MDC.put("latencyMs", latency);
            MDC.put("subject", exchange.subject == null ? "-" : exchange.subject);
            MDC.put("tenant", exchange.tenant == null ? "-" : exchange.tenant);
            MDC.put("requestId", exchange.requestId);
            LOG.info(exchange.method + " " + exchange.path + " " + status + " " + latency + " ms route=" + route
                    + " tenant=" + exchange.tenant + " subject=" + exchange.subject);
        } finally {
            for (String key : KEYS) {
                MDC.remove(key);
            }
        }
    }

    private static final String[] KEYS = {
        "method", "route", "path", "status", "latencyMs", "subject", "tenant", "requestId"
    };

    /** Milliseconds with two decimals (1.25), without java.util.Formatter. */
    static String millis(long nanos) {
        long hundredths = (nanos + 5_000) / 10_000;
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
