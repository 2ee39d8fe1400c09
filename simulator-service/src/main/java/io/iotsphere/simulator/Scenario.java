package io.iotsphere.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.iotsphere.simulator.model.Catalog;
import io.iotsphere.simulator.model.DeviceKind;
import io.iotsphere.simulator.model.Fault;
import io.iotsphere.simulator.model.UsageProfile;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fleet to simulate, as posted in YAML or JSON. Durations are ISO-8601 ({@code PT10S}) or short ({@code 10s},
 * {@code 5m}, {@code 2h}, {@code 1d}); times are RFC 3339.
 *
 * @param reportingInterval time between two reports of a device, in real time (live) or simulated time (backfill)
 * @param acceleration simulated seconds per real second (1440 = one simulated day per minute); live mode only
 * @param start the simulated time at which the fleet starts (default: when it is created)
 * @param transport {@code mqtt} (default) or {@code http}
 * @param faults fault rates per device and simulated year, by fault name
 * @param backfill when set, the fleet generates this range of history as fast as it can instead of running live
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scenario(
        String name,
        Long seed,
        String reportingInterval,
        Double acceleration,
        Instant start,
        String transport,
        List<DeviceGroup> devices,
        Map<String, Double> faults,
        Connectivity connectivity,
        Backfill backfill,
        Boolean autoStart) {

    public static final int MAX_DEVICES = 100_000;
    private static final Pattern SHORT_DURATION = Pattern.compile("^(\\d{1,9})(ms|s|m|h|d)$");
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$");

    /** {@code count} devices of a type and manufacturer, with a usage profile (water heaters). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeviceGroup(String type, String manufacturer, Integer count, String profile) {}

    /** Outages per device and simulated day, and their mean length. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Connectivity(Double outagesPerDay, String meanOutage) {}

    @RegisterForReflection
    public record Backfill(Instant from, Instant to) {}

    /** A problem of a scenario: where (a JSON pointer) and why. */
    @RegisterForReflection
    public record Violation(String field, String message) {}

    public long seedOrDefault() {
        return seed == null ? 1L : seed;
    }

    public Duration interval() {
        return reportingInterval == null ? Duration.ofSeconds(10) : duration(reportingInterval);
    }

    public double accelerationOrDefault() {
        return acceleration == null ? 1.0 : acceleration;
    }

    public boolean http() {
        return "http".equals(transport);
    }

    public boolean autoStartOrDefault() {
        return autoStart == null || autoStart;
    }

    public int deviceCount() {
        return devices == null
                ? 0
                : devices.stream()
                        .mapToInt(g -> g.count() == null ? 0 : g.count())
                        .sum();
    }

    public Map<Fault, Double> faultRates() {
        Map<Fault, Double> rates = new EnumMap<>(Fault.class);
        if (faults != null) {
            faults.forEach((name, rate) -> rates.put(Fault.of(name), rate));
        }
        return rates;
    }

    public double outagesPerDay() {
        return connectivity == null || connectivity.outagesPerDay() == null ? 0 : connectivity.outagesPerDay();
    }

    public Duration meanOutage() {
        return connectivity == null || connectivity.meanOutage() == null
                ? Duration.ofMinutes(10)
                : duration(connectivity.meanOutage());
    }

    public static DeviceKind kind(DeviceGroup group) {
        return DeviceKind.ofType(group.type());
    }

    public static UsageProfile profile(DeviceGroup group) {
        return group.profile() == null
                ? UsageProfile.HOUSEHOLD
                : UsageProfile.valueOf(group.profile().toUpperCase(Locale.ROOT));
    }

    /** Every problem of the scenario; empty when it can be run. */
    public List<Violation> validate() {
        List<Violation> v = new ArrayList<>();
        if (name != null && !NAME.matcher(name).matches()) {
            v.add(new Violation("/name", "must be 1 to 64 letters, digits, spaces, '.', '_' or '-'"));
        }
        Duration interval = checkDuration(v, "/reportingInterval", reportingInterval);
        if (interval != null && (interval.toMillis() < 1000 || interval.compareTo(Duration.ofHours(24)) > 0)) {
            v.add(new Violation("/reportingInterval", "must be between 1 s and 24 h"));
        }
        if (acceleration != null && !(acceleration >= 1 && acceleration <= 100_000)) {
            v.add(new Violation("/acceleration", "must be between 1 and 100000 (simulated seconds per second)"));
        }
        if (transport != null && !transport.equals("mqtt") && !transport.equals("http")) {
            v.add(new Violation("/transport", "must be mqtt or http"));
        }
        if (devices == null || devices.isEmpty()) {
            v.add(new Violation("/devices", "must list at least one group of devices"));
        } else {
            for (int i = 0; i < devices.size(); i++) {
                validate(v, "/devices/" + i, devices.get(i));
            }
            if (deviceCount() > MAX_DEVICES) {
                v.add(new Violation("/devices", "at most " + MAX_DEVICES + " devices per fleet"));
            }
        }
        if (faults != null) {
            faults.forEach((fault, rate) -> {
                String where = "/faults/" + fault;
                try {
                    if (!Fault.of(fault).primary()) {
                        v.add(new Violation(where, "follows from anode_depletion; give that one a rate"));
                    }
                } catch (IllegalArgumentException e) {
                    v.add(new Violation(where, "unknown fault; known: " + primaryFaults()));
                }
                if (rate == null || !(rate >= 0 && rate <= 1000)) {
                    v.add(new Violation(where, "must be a rate between 0 and 1000 per device-year"));
                }
            });
        }
        if (connectivity != null) {
            Double rate = connectivity.outagesPerDay();
            if (rate != null && !(rate >= 0 && rate <= 100)) {
                v.add(new Violation("/connectivity/outagesPerDay", "must be between 0 and 100"));
            }
            checkDuration(v, "/connectivity/meanOutage", connectivity.meanOutage());
        }
        if (backfill != null) {
            if (backfill.from() == null || backfill.to() == null) {
                v.add(new Violation("/backfill", "needs 'from' and 'to' (RFC 3339 times)"));
            } else if (!backfill.from().isBefore(backfill.to())) {
                v.add(new Violation("/backfill/to", "must be after 'from'"));
            } else if (Duration.between(backfill.from(), backfill.to()).toDays() > 3 * 366) {
                v.add(new Violation("/backfill", "at most three years of history"));
            }
            if (start != null) {
                v.add(new Violation("/start", "a backfill starts at 'backfill.from'; leave 'start' out"));
            }
        }
        return v;
    }

    private static void validate(List<Violation> v, String where, DeviceGroup g) {
        if (g == null) {
            v.add(new Violation(where, "must be a group {type, manufacturer, count, profile}"));
            return;
        }
        DeviceKind kind = null;
        try {
            kind = DeviceKind.ofType(g.type());
        } catch (IllegalArgumentException e) {
            v.add(new Violation(where + "/type", "must be water-heater or vending-machine"));
        }
        if (kind != null
                && (g.manufacturer() == null || !Catalog.manufacturers(kind).contains(g.manufacturer()))) {
            v.add(new Violation(where + "/manufacturer", "must be one of " + Catalog.manufacturers(kind)));
        }
        if (g.count() == null || g.count() < 1 || g.count() > MAX_DEVICES) {
            v.add(new Violation(where + "/count", "must be between 1 and " + MAX_DEVICES));
        }
        if (g.profile() != null) {
            try {
                UsageProfile p = UsageProfile.valueOf(g.profile().toUpperCase(Locale.ROOT));
                if (p == UsageProfile.NONE && kind == DeviceKind.VENDING_MACHINE) {
                    v.add(new Violation(where + "/profile", "applies to water heaters"));
                }
            } catch (IllegalArgumentException e) {
                v.add(new Violation(where + "/profile", "must be household, commercial or none"));
            }
        }
    }

    private static List<String> primaryFaults() {
        return java.util.Arrays.stream(Fault.values())
                .filter(Fault::primary)
                .map(Fault::label)
                .toList();
    }

    private static Duration checkDuration(List<Violation> v, String where, String text) {
        if (text == null) {
            return null;
        }
        try {
            Duration d = duration(text);
            if (d.isNegative() || d.isZero()) {
                v.add(new Violation(where, "must be positive"));
            }
            return d;
        } catch (IllegalArgumentException e) {
            v.add(new Violation(where, e.getMessage()));
            return null;
        }
    }

    /** {@code PT10S}, or {@code 10s}, {@code 500ms}, {@code 5m}, {@code 2h}, {@code 1d}. */
    public static Duration duration(String text) {
        Matcher m = SHORT_DURATION.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 10s, 5m, 2h, 1d or PT10S)");
        }
    }
}
