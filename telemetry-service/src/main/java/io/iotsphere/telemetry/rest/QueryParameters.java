package io.iotsphere.telemetry.rest;

import io.iotsphere.telemetry.service.QueryService.Agg;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and checks the query parameters of the telemetry queries; each mistake is a 400 naming the parameter. */
final class QueryParameters {

    static final Pattern METRIC = Pattern.compile("^[a-z][a-z0-9_]{0,62}(\\.[A-Za-z0-9_-]{1,32})?$");
    private static final Pattern SHORT_INTERVAL = Pattern.compile("^([1-9][0-9]{0,6})([smhd])$");
    private static final Duration LONGEST_INTERVAL = Duration.ofDays(366);

    private QueryParameters() {}

    /** The time range [from, to): {@code to} defaults to now, {@code from} to {@code to} minus the default range. */
    record Range(Instant from, Instant to) {}

    static Range range(String from, String to, Duration defaultRange) {
        Instant end = to == null || to.isBlank() ? Instant.now() : time("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(defaultRange) : time("from", from);
        if (!start.isBefore(end)) {
            throw Problems.badParameter("from", "must be before 'to' (" + end + ")");
        }
        return new Range(start, end);
    }

    static String metric(String metric) {
        if (metric == null || metric.isBlank()) {
            throw Problems.badParameter("metric", "required: a telemetry field (tank_temperature, sales.A1, sales...)");
        }
        if (!METRIC.matcher(metric).matches()) {
            throw Problems.badParameter("metric", "'" + metric + "' is not a metric name");
        }
        return metric;
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT15M}); whole seconds, up to 366 days. */
    static Duration interval(String interval) {
        if (interval == null || interval.isBlank()) {
            return null;
        }
        Duration duration;
        Matcher m = SHORT_INTERVAL.matcher(interval);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            duration = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                duration = Duration.parse(interval.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw Problems.badParameter(
                        "interval", "'" + interval + "' is not an interval: 30s, 5m, 1h, 1d or ISO-8601 (PT15M)");
            }
        }
        if (duration.isNegative() || duration.isZero() || duration.getNano() != 0) {
            throw Problems.badParameter("interval", "must be a positive whole number of seconds");
        }
        if (duration.compareTo(LONGEST_INTERVAL) > 0) {
            throw Problems.badParameter("interval", "must be at most 366 days");
        }
        return duration;
    }

    static Agg agg(String agg, Duration interval) {
        if (agg == null || agg.isBlank()) {
            return Agg.AVG;
        }
        if (interval == null) {
            throw Problems.badParameter("agg", "needs an interval (raw readings are not aggregated)");
        }
        return Agg.of(agg)
                .orElseThrow(
                        () -> Problems.badParameter("agg", "'" + agg + "' is not one of avg, min, max, sum, count"));
    }

    static int limit(Integer limit, int defaultLimit, int max) {
        if (limit == null) {
            return defaultLimit;
        }
        if (limit < 1 || limit > max) {
            throw Problems.badParameter("limit", "must be between 1 and " + max);
        }
        return limit;
    }

    private static Instant time(String name, String value) {
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw Problems.badParameter(
                    name, "'" + value + "' is not an RFC 3339 date-time (e.g. 2026-05-01T12:00:00Z)");
        }
    }
}
