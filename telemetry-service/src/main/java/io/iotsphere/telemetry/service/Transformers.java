package io.iotsphere.telemetry.service;

import io.iotsphere.telemetry.Unit;
import io.iotsphere.telemetry.config.TelemetryConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Manufacturer transformers, from configuration ({@code telemetry.manufacturers.<name>.fields.<reported>=<canonical>
 * [<unit>]}): the name a manufacturer reports a field under, and the unit it reports it in. Checked at start-up, so
 * that a mistake in the mapping stops the service instead of rejecting readings.
 */
@ApplicationScoped
public class Transformers {

    private static final Pattern CANONICAL = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

    /** How a manufacturer reports one canonical field. */
    public record Mapping(String reported, String field, Optional<Unit> unit) {}

    @Inject
    TelemetryConfig config;

    private final Map<String, Map<String, Mapping>> byManufacturer = new HashMap<>();

    private final Map<String, Map<String, Mapping>> bySpelling = new ConcurrentHashMap<>();

    @PostConstruct
    void load() {
        config.manufacturers().forEach((manufacturer, settings) -> {
            Map<String, Mapping> fields = new HashMap<>();
            settings.fields()
                    .forEach((reported, target) -> fields.put(reported, parse(manufacturer, reported, target)));
            byManufacturer.put(manufacturer.toLowerCase(Locale.ROOT), Map.copyOf(fields));
        });
    }

    static Mapping parse(String manufacturer, String reported, String target) {
        String[] parts = target.strip().split("\\s+", 2);
        String where = "telemetry.manufacturers." + manufacturer + ".fields." + reported;
        if (!CANONICAL.matcher(parts[0]).matches()) {
            throw new IllegalStateException(where + ": '" + parts[0] + "' is not a canonical field name");
        }
        if (parts.length == 1) {
            return new Mapping(reported, parts[0], Optional.empty());
        }
        Unit unit = Unit.of(parts[1])
                .orElseThrow(() -> new IllegalStateException(where + ": unknown unit '" + parts[1] + "'"));
        return new Mapping(reported, parts[0], Optional.of(unit));
    }

    /** The mapping of a reported name for a manufacturer, if it has one (a {@code null} manufacturer has none). */
    public Optional<Mapping> mapping(String manufacturer, String reported) {
        if (manufacturer == null) {
            return Optional.empty();
        }
        // Looked up for every value: the manufacturer names as the devices spell them are remembered (a few).
        Map<String, Mapping> fields = bySpelling.get(manufacturer);
        if (fields == null) {
            fields = byManufacturer.getOrDefault(manufacturer.toLowerCase(Locale.ROOT), Map.of());
            if (bySpelling.size() < 10_000) {
                bySpelling.put(manufacturer, fields);
            }
        }
        return Optional.ofNullable(fields.get(reported));
    }
}
