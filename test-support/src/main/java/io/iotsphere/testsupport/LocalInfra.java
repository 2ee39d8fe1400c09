package io.iotsphere.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the local infrastructure started by {@code ./platform infra up} listens and how to log in to it. Values come
 * from the environment first, then from {@code $IOTSPHERE_HOME/infra.env} (default {@code ~/.iotsphere/infra.env}),
 * which the platform script writes; nothing here is a credential kept in git.
 */
public final class LocalInfra {

    /** Test databases and topics older than this are left-overs of killed runs and are removed. */
    static final Duration STALE_AFTER = Duration.ofHours(6);

    private static final Pattern RUN_ID = Pattern.compile("t(\\d{10})x[0-9a-z]{6}");
    private static final Map<String, String> FILE = readInfraFile();

    private LocalInfra() {}

    /**
     * A new id for a test run's database, topic prefix or key prefix: unique, and carrying its start time so that
     * left-overs of killed runs can be recognised as stale.
     */
    public static String newRunId() {
        return "t" + (System.currentTimeMillis() / 1000) + "x" + randomSuffix();
    }

    /** The start time (epoch seconds) encoded in a name made from {@link #newRunId()}, or -1 when it has none. */
    static long startedAt(String name) {
        Matcher m = RUN_ID.matcher(name);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static boolean isStale(String name) {
        long started = startedAt(name);
        return started > 0 && System.currentTimeMillis() / 1000 - started > STALE_AFTER.toSeconds();
    }

    public static String get(String key, String fallback) {
        String value = System.getenv(key);
        if (value == null || value.isBlank()) {
            value = FILE.get(key);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    public static String require(String key) {
        String value = get(key, null);
        if (value == null) {
            throw new IllegalStateException(
                    key + " is not set in the environment nor in " + infraFile() + "; run ./platform infra up first");
        }
        return value;
    }

    public static String pgHost() {
        return get("IOTSPHERE_PG_HOST", "localhost");
    }

    public static int pgPort() {
        return Integer.parseInt(get("IOTSPHERE_PG_PORT", "5432"));
    }

    public static String redisHost() {
        return get("IOTSPHERE_REDIS_HOST", "localhost");
    }

    public static int redisPort() {
        return Integer.parseInt(get("IOTSPHERE_REDIS_PORT", "6379"));
    }

    public static String kafkaBootstrap() {
        return get("IOTSPHERE_KAFKA_BOOTSTRAP", "localhost:9092");
    }

    public static String mqttHost() {
        return get("IOTSPHERE_MQTT_HOST", "localhost");
    }

    public static int mqttPort() {
        return Integer.parseInt(get("IOTSPHERE_MQTT_PORT", "1883"));
    }

    /** Fails with a message that names the component and the fix when nothing listens at host:port. */
    public static void requireReachable(String component, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            throw new IllegalStateException(component + " is not reachable at " + host + ":" + port + " ("
                    + e.getMessage() + "); start the local infrastructure with ./platform infra up");
        }
    }

    static Path infraFile() {
        String home = System.getenv("IOTSPHERE_HOME");
        Path dir =
                home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".iotsphere") : Path.of(home);
        return dir.resolve("infra.env");
    }

    private static Map<String, String> readInfraFile() {
        Map<String, String> values = new HashMap<>();
        Path file = infraFile();
        if (!Files.isReadable(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                int eq = trimmed.indexOf('=');
                if (trimmed.startsWith("#") || eq <= 0) {
                    continue;
                }
                values.put(trimmed.substring(0, eq), unquote(trimmed.substring(eq + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String randomSuffix() {
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
