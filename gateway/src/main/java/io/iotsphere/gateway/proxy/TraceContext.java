package io.iotsphere.gateway.proxy;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C Trace Context: the gateway continues the caller's trace (same trace id, itself as the new parent span) or starts
 * one, so that every service's logs of one request share a trace id.
 */
public final class TraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final String INVALID_TRACE = "0".repeat(32);

    private TraceContext() {}

    /** The traceparent to send upstream, given the one received (or null). */
    public static String next(String received) {
        if (received != null) {
            var m = TRACEPARENT.matcher(received.trim());
            if (m.matches() && !m.group(1).equals(INVALID_TRACE)) {
                return "00-" + m.group(1) + "-" + hex(16) + "-" + m.group(3);
            }
        }
        return "00-" + hex(32) + "-" + hex(16) + "-01";
    }

    private static String hex(int digits) {
        StringBuilder sb = new StringBuilder(digits);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (sb.length() < digits) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }
}
