package io.iotsphere.telemetry.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotsphere.contracts.device.TelemetryField;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.telemetry.Device;
import io.iotsphere.telemetry.DeviceType;
import io.iotsphere.telemetry.Unit;
import io.iotsphere.telemetry.Violation;
import io.iotsphere.telemetry.config.TelemetryConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a device payload (one reading {@code {"ts": ..., "values": {...}}} or a batch {@code {"readings": [...]}}),
 * applies the manufacturer's transformer and checks every value against the device type's telemetry fields: canonical
 * names, SI units, booleans as 0/1, keyed fields as {@code name.key}. Each problem is reported precisely: where in the
 * payload, and why.
 */
@ApplicationScoped
public class Normalizer {

    static final Pattern KEY = Pattern.compile("^[A-Za-z0-9_-]{1,32}$");

    @Inject
    ObjectMapper mapper;

    @Inject
    TelemetryConfig config;

    @Inject
    Transformers transformers;

    @Inject
    MetricDictionary dictionary;

    private ObjectReader reader;

    /** The readings of a payload, each with where it sits in the payload ({@code /readings/3} or empty). */
    public record Payload(List<Item> items) {
        public int size() {
            return items.size();
        }
    }

    public record Item(String pointer, ObjectNode node) {}

    /** What became of a payload's readings: the accepted ones, normalised, and the rejected ones with the reasons. */
    public record Result(List<Reading> accepted, List<Rejected> rejected) {}

    /** A rejected reading as the device sent it (its {@code ts} filled in when it had none) and why. */
    public record Rejected(Item item, Instant ts, List<Violation> violations) {}

    @PostConstruct
    void init() {
        reader = mapper.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** Reads the structure of a payload; the readings' contents are checked by {@link #normalize}. */
    public Payload parse(byte[] bytes) {
        JsonNode root;
        try {
            root = reader.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new PayloadException("/", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PayloadException("/", "unreadable: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PayloadException(
                    "/", "must be a JSON object: a reading {\"ts\", \"values\"} or {\"readings\": [...]}");
        }
        if (!root.has("readings")) {
            return new Payload(List.of(new Item("", (ObjectNode) root)));
        }
        List<Violation> problems = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!name.equals("readings")) {
                problems.add(new Violation("/" + name, "unknown property: a batch has only 'readings'"));
            }
        });
        JsonNode readings = root.get("readings");
        if (!readings.isArray()) {
            problems.add(new Violation("/readings", "must be an array of readings"));
        } else if (readings.isEmpty()) {
            problems.add(new Violation("/readings", "must hold at least one reading"));
        } else if (readings.size() > config.ingest().maxReadings()) {
            problems.add(new Violation(
                    "/readings",
                    "holds " + readings.size() + " readings, at most "
                            + config.ingest().maxReadings() + " are accepted"));
        }
        if (!problems.isEmpty()) {
            throw new PayloadException(problems);
        }
        List<Item> items = new ArrayList<>(readings.size());
        List<Violation> notObjects = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            JsonNode reading = readings.get(i);
            if (reading.isObject()) {
                items.add(new Item("/readings/" + i, (ObjectNode) reading));
            } else {
                notObjects.add(new Violation("/readings/" + i, "must be a reading object {\"ts\", \"values\"}"));
            }
        }
        if (!notObjects.isEmpty()) {
            throw new PayloadException(notObjects);
        }
        return new Payload(items);
    }

    /**
     * Normalises every reading of a payload for a device.
     *
     * @param receivedAt the timestamp of a reading without {@code ts} (allowed only when the payload has one reading)
     * @param rawRetentionDays a reading older than the tenant's raw retention cannot be stored and is rejected
     */
    public Result normalize(Payload payload, Device device, DeviceType type, Instant receivedAt, int rawRetentionDays) {
        List<Reading> accepted = new ArrayList<>(payload.size());
        List<Rejected> rejected = new ArrayList<>(0);
        Instant now = Instant.now();
        for (Item item : payload.items()) {
            List<Violation> violations = new ArrayList<>(0);
            Instant ts = timestamp(item, payload.size(), receivedAt, now, rawRetentionDays, violations);
            Map<String, Double> values = values(item, device, type, violations);
            for (Iterator<String> it = item.node().fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!name.equals("ts") && !name.equals("values")) {
                    violations.add(new Violation(
                            item.pointer() + "/" + name, "unknown property: a reading has only 'ts' and 'values'"));
                }
            }
            if (violations.isEmpty()) {
                accepted.add(new Reading(ts, values));
            } else {
                rejected.add(new Rejected(item, ts == null ? receivedAt : ts, violations));
            }
        }
        return new Result(accepted, rejected);
    }

    private Instant timestamp(
            Item item,
            int readings,
            Instant receivedAt,
            Instant now,
            int rawRetentionDays,
            List<Violation> violations) {
        String field = item.pointer() + "/ts";
        JsonNode node = item.node().get("ts");
        if (node == null || node.isNull()) {
            if (readings > 1) {
                violations.add(new Violation(field, "required in a batch of readings (an RFC 3339 date-time)"));
                return null;
            }
            return receivedAt.truncatedTo(ChronoUnit.MICROS);
        }
        if (!node.isTextual()) {
            violations.add(new Violation(field, "must be an RFC 3339 date-time string"));
            return null;
        }
        Instant ts;
        try {
            ts = parseTimestamp(node.asText()).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeException e) {
            violations.add(new Violation(
                    field, "'" + node.asText() + "' is not an RFC 3339 date-time (e.g. 2026-05-01T12:00:00Z)"));
            return null;
        }
        if (ts.isAfter(now.plus(config.ingest().maxFutureSkew()))) {
            violations.add(new Violation(
                    field,
                    node.asText() + " is in the future (more than "
                            + config.ingest().maxFutureSkew().toSeconds() + " s ahead of the platform's clock)"));
        } else if (expired(ts, now, rawRetentionDays)) {
            violations.add(new Violation(
                    field,
                    node.asText() + " is older than the raw retention of this tenant (" + rawRetentionDays + " days)"));
        }
        return ts;
    }

    /**
     * An RFC 3339 date-time: {@code 2026-05-01T12:00:00.123456Z} (UTC, what devices and the platform send) read
     * directly, anything else ({@code +02:00}, lower case, ...) by {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME},
     * which accepts the same and costs ~10 x more.
     *
     * @throws DateTimeException when it is not one
     */
    static Instant parseTimestamp(String text) {
        int n = text.length();
        if (n >= 20
                && n <= 30
                && n != 21
                && text.charAt(n - 1) == 'Z'
                && text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':'
                && (n == 20 || text.charAt(19) == '.')) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            int nanos = 0;
            if (n > 20) {
                nanos = digits(text, 20, n - 1);
                for (int i = n - 1 - 20; i < 9; i++) {
                    nanos *= 10;
                }
            }
            if (year >= 0
                    && month >= 0
                    && day >= 0
                    && hour >= 0
                    && hour < 24
                    && minute >= 0
                    && minute < 60
                    && second >= 0
                    && second < 60
                    && nanos >= 0) {
                long epochDay = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
            }
        }
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
    }

    /** The decimal number of {@code text[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Whether a reading is outside the raw retention: its UTC day's partition is (or is about to be) dropped. */
    public static boolean expired(Instant ts, Instant now, int rawRetentionDays) {
        LocalDate oldestKept = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(rawRetentionDays);
        return LocalDate.ofInstant(ts, ZoneOffset.UTC).isBefore(oldestKept);
    }

    private Map<String, Double> values(Item item, Device device, DeviceType type, List<Violation> violations) {
        String where = item.pointer() + "/values";
        JsonNode values = item.node().get("values");
        if (values == null || !values.isObject()) {
            violations.add(new Violation(where, "required: an object of field name → value"));
            return Map.of();
        }
        if (values.isEmpty()) {
            violations.add(new Violation(where, "must hold at least one value"));
            return Map.of();
        }
        Map<String, Double> canonical = new LinkedHashMap<>();
        Map<String, String> reportedAs = new HashMap<>();
        values.fields().forEachRemaining(entry -> {
            String reported = entry.getKey();
            JsonNode value = entry.getValue();
            String pointer = where + "/" + reported;
            int dot = reported.indexOf('.');
            String base = dot < 0 ? reported : reported.substring(0, dot);
            String key = dot < 0 ? null : reported.substring(dot + 1);
            if (value.isObject()) {
                if (key != null) {
                    violations.add(new Violation(
                            pointer, "a keyed value is either \"field.key\": value or \"field\": {\"key\": value}"));
                    return;
                }
                value.fields()
                        .forEachRemaining(keyed -> add(
                                pointer + "/" + keyed.getKey(),
                                base,
                                keyed.getKey(),
                                keyed.getValue(),
                                device,
                                type,
                                canonical,
                                reportedAs,
                                violations));
            } else {
                add(pointer, base, key, value, device, type, canonical, reportedAs, violations);
            }
        });
        if (canonical.isEmpty() && violations.isEmpty()) {
            violations.add(new Violation(where, "must hold at least one value"));
        }
        if (canonical.size() > config.ingest().maxValues()) {
            violations.add(new Violation(
                    where,
                    "holds " + canonical.size() + " values, at most "
                            + config.ingest().maxValues() + " are accepted in one reading"));
        }
        return canonical;
    }

    private void add(
            String pointer,
            String reportedBase,
            String key,
            JsonNode value,
            Device device,
            DeviceType type,
            Map<String, Double> canonical,
            Map<String, String> reportedAs,
            List<Violation> violations) {
        Optional<Transformers.Mapping> mapping = transformers.mapping(device.manufacturer(), reportedBase);
        String fieldName = mapping.map(Transformers.Mapping::field).orElse(reportedBase);
        TelemetryField field = type.fields().get(fieldName);
        if (field == null) {
            violations.add(new Violation(
                    pointer,
                    mapping.isPresent()
                            ? "unknown field: " + device.manufacturer() + "'s '" + reportedBase + "' stands for '"
                                    + fieldName + "', which device type '" + type.typeId() + "' does not have"
                            : "unknown field: device type '" + type.typeId() + "' has no telemetry field '"
                                    + reportedBase + "'"));
            return;
        }
        if (field.keyed() && key == null) {
            violations.add(new Violation(
                    pointer,
                    "'" + fieldName + "' is keyed: report \"" + reportedBase + ".<key>\": value or \"" + reportedBase
                            + "\": {\"<key>\": value}"));
            return;
        }
        if (!field.keyed() && key != null) {
            violations.add(new Violation(pointer, "'" + fieldName + "' takes no key"));
            return;
        }
        if (key != null && !KEY.matcher(key).matches()) {
            violations.add(new Violation(pointer, "key '" + key + "' must be 1 to 32 letters, digits, '_' or '-'"));
            return;
        }
        if (key != null && !dictionary.mayAddKey(fieldName, key, config.ingest().maxKeysPerField())) {
            violations.add(new Violation(
                    pointer,
                    "'" + fieldName + "' already has " + config.ingest().maxKeysPerField()
                            + " distinct keys, the most it may have"));
            return;
        }
        Double number = number(pointer, field, value, violations);
        if (number == null) {
            return;
        }
        double converted = number;
        Unit from = mapping.flatMap(Transformers.Mapping::unit).orElse(null);
        if (from != null) {
            Optional<Unit> to = Unit.of(field.unit());
            if (to.isEmpty() || !from.convertibleTo(to.get())) {
                violations.add(new Violation(
                        pointer,
                        "cannot convert " + from.symbol() + " to the unit '" + field.unit() + "' of '" + fieldName
                                + "'"));
                return;
            }
            converted = from.convert(number, to.get());
        }
        if ("integer".equals(field.type()) && converted != Math.rint(converted)) {
            violations.add(new Violation(
                    pointer,
                    shown(number, from, converted, field) + " is not a whole number, as '" + fieldName + "' requires"));
            return;
        }
        if (field.min() != null && converted < field.min()) {
            violations.add(new Violation(
                    pointer,
                    shown(number, from, converted, field) + " is below the minimum " + format(field.min())
                            + unitSuffix(field) + " of '" + fieldName + "'"));
            return;
        }
        if (field.max() != null && converted > field.max()) {
            violations.add(new Violation(
                    pointer,
                    shown(number, from, converted, field) + " is above the maximum " + format(field.max())
                            + unitSuffix(field) + " of '" + fieldName + "'"));
            return;
        }
        String name = key == null ? fieldName : fieldName + "." + key;
        String reported = key == null ? reportedBase : reportedBase + "." + key;
        String earlier = reportedAs.putIfAbsent(name, reported);
        if (earlier != null) {
            violations.add(new Violation(
                    pointer, "'" + name + "' is reported twice in this reading (as '" + earlier + "' too)"));
            return;
        }
        canonical.put(name, converted);
    }

    /** The value as a number, booleans as 0/1; {@code null} (with a violation) when it is not what the field takes. */
    private static Double number(String pointer, TelemetryField field, JsonNode value, List<Violation> violations) {
        if ("boolean".equals(field.type())) {
            if (value.isBoolean()) {
                return value.booleanValue() ? 1.0 : 0.0;
            }
            if (value.isNumber() && (value.doubleValue() == 0 || value.doubleValue() == 1)) {
                return value.doubleValue();
            }
            violations.add(new Violation(
                    pointer, "'" + field.name() + "' is a boolean: true or false (or 1/0), not " + describe(value)));
            return null;
        }
        if (!value.isNumber()) {
            violations.add(new Violation(pointer, "'" + field.name() + "' takes a number, not " + describe(value)));
            return null;
        }
        double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            violations.add(new Violation(pointer, "not a finite number"));
            return null;
        }
        return number;
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "the string \"" + value.asText() + "\"";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.toString();
    }

    /**
     * A value as reported, for a violation: {@code 212 degF = 100 degC} when it was converted. Formatted only when a
     * violation needs it (formatting to 6 significant digits is costly at tens of thousands of values a second).
     */
    private static String shown(double number, Unit from, double converted, TelemetryField field) {
        return from == null
                ? format(number)
                : format(number) + " " + from.symbol() + " = " + format(converted) + unitSuffix(field);
    }

    private static String unitSuffix(TelemetryField field) {
        return field.unit() == null || field.unit().isBlank() ? "" : " " + field.unit();
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(value)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }
}
