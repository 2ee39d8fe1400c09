package io.iotsphere.gateway.push;

import io.iotsphere.contracts.Topics;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Push channels: a kind of event, for the whole tenant ({@code telemetry}) or one device ({@code telemetry:wh-001}).
 * Each kind is fed by one topic.
 */
public final class Channels {

    public static final Map<String, String> KIND_BY_TOPIC = Map.of(
            Topics.TELEMETRY_READINGS, "telemetry",
            Topics.SHADOW_CHANGES, "shadow",
            Topics.COMMAND_STATUS, "commands",
            Topics.DEVICE_LIFECYCLE, "lifecycle",
            Topics.PREDICTIONS, "predictions",
            Topics.MODEL_ALERTS, "alerts");

    public static final Set<String> KINDS = Set.copyOf(KIND_BY_TOPIC.values());

    /** The kinds a device may follow, and only for itself. */
    public static final Set<String> DEVICE_KINDS = Set.of("shadow", "commands");

    private static final Pattern CHANNEL = Pattern.compile("^([a-z]+)(?::([A-Za-z0-9][A-Za-z0-9._:-]{0,127}))?$");

    /** A parsed channel name. */
    public record Channel(String kind, String device) {
        public String name() {
            return device == null ? kind : kind + ":" + device;
        }
    }

    private Channels() {}

    public static Optional<Channel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        var m = CHANNEL.matcher(name);
        if (!m.matches() || !KINDS.contains(m.group(1))) {
            return Optional.empty();
        }
        return Optional.of(new Channel(m.group(1), m.group(2)));
    }

    /** The kind of events a topic (with or without the run's prefix) feeds, if any. */
    public static Optional<String> kindOf(String topic) {
        for (var e : KIND_BY_TOPIC.entrySet()) {
            if (topic.equals(e.getKey()) || topic.endsWith("." + e.getKey())) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }
}
