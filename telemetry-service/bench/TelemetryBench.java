import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.device.Capabilities;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.iotsphere.contracts.device.TelemetryField;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Load tool of the telemetry benchmark, run by run.sh (not a test). Modes: {@code setup} and {@code teardown} (the
 * run's database and topics), {@code run <baseUrl> <servicePid>} (the phases; see run.sh). Figures are printed as they
 * are measured. Everything is configured by environment variables (run.sh documents them).
 */
public class TelemetryBench {

    static final ObjectMapper JSON =
            new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final String TENANT = "bench";
    static final String HISTORY_TENANT = "bench-history";
    static final String[] CANONICAL = {
        "tank_temperature", "setpoint", "inlet_temperature", "outlet_temperature", "ambient_temperature",
        "element_power", "flow_rate", "pressure", "heating", "energy_used"
    };

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static int setting(String name, int fallback) {
        return Integer.parseInt(env(name, String.valueOf(fallback)));
    }

    static final String PREFIX = env("BENCH_PREFIX", "bench.");
    static final String DB = env("BENCH_DB", "telemetry_bench");
    static final String KAFKA = env("IOTSPHERE_KAFKA_BOOTSTRAP", "localhost:9092");
    static final String PG = env("IOTSPHERE_PG_HOST", "localhost") + ":" + env("IOTSPHERE_PG_PORT", "5432");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> setup();
            case "teardown" -> teardown();
            case "run" -> new TelemetryBench(args[1]).run();
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    // ----------------------------------------------------------------------------------------------- database, topics

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + PG + "/" + database,
                env("IOTSPHERE_PG_TEST_USER", "iotsphere_test"),
                env("IOTSPHERE_PG_TEST_PASSWORD", ""));
    }

    static Properties kafka() {
        Properties props = new Properties();
        props.put("bootstrap.servers", KAFKA);
        props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("acks", "all");
        props.put("linger.ms", "5");
        return props;
    }

    static void setup() throws Exception {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DB);
        }
        try (Admin admin = Admin.create(kafka())) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : Topics.ALL) {
                int partitions = name.equals(Topics.TELEMETRY_READINGS) || name.equals(Topics.TELEMETRY_RAW) ? 6 : 3;
                topics.add(new NewTopic(PREFIX + name, partitions, (short) 1));
                topics.add(new NewTopic(PREFIX + Topics.dlq(name), 1, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    static void teardown() throws Exception {
        try (Admin admin = Admin.create(kafka())) {
            List<String> mine = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(PREFIX))
                    .toList();
            admin.deleteTopics(mine).all().get(30, TimeUnit.SECONDS);
        }
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        }
    }

    // ------------------------------------------------------------------------------------------------------- the run

    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final KafkaProducer<String, String> producer = new KafkaProducer<>(kafka());
    final Map<String, Long> deviceKeys = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> lastMicros = new ConcurrentHashMap<>();
    final List<String> devices = new ArrayList<>();

    TelemetryBench(String base) {
        this.base = base;
    }

    void run() throws Exception {
        List<String> phases = List.of(env("PHASES", "copy,http,mqtt,latency,query").split(","));
        catalogAndDevices();
        if (phases.contains("copy")) {
            copyLimit();
        }
        if (phases.contains("http")) {
            throughput("HTTP", this::httpSender);
        }
        if (phases.contains("mqtt")) {
            throughput("MQTT", this::mqttSender);
        }
        if (phases.contains("latency")) {
            latency("HTTP");
            latency("MQTT");
        }
        if (phases.contains("query")) {
            history();
        }
        producer.close();
    }

    void catalogAndDevices() throws Exception {
        List<TelemetryField> fields = List.of(
                number("tank_temperature", "°C", 0, 110), number("setpoint", "°C", 30, 80),
                number("inlet_temperature", "°C", 0, 40), number("outlet_temperature", "°C", 0, 110),
                number("ambient_temperature", "°C", -20, 50), number("element_power", "W", 0, 12000),
                number("flow_rate", "L/min", 0, 60), number("pressure", "kPa", 0, 1200),
                new TelemetryField("heating", "boolean", null, null, null, false, null),
                number("energy_used", "kWh", 0, 1e9));
        publish("water-heater", CloudEvent.of(Sources.DEVICE_REGISTRY, EventTypes.DEVICE_TYPE_UPDATED, "water-heater",
                DeviceTypeUpdated.ALL_TENANTS, new DeviceTypeUpdated("water-heater", "Water heater", null,
                        new Capabilities(fields, List.of()), 1, Instant.now())));
        int count = setting("DEVICES", 2000);
        for (int i = 0; i < count; i++) {
            String id = String.format("wh-%05d", i);
            devices.add(id);
            register(TENANT, id, i % 2 == 0 ? "HydroMax" : "AquaTherm");
        }
        producer.flush();
        awaitDevices(TENANT, count);
        System.out.printf("== %d water heaters registered (half HydroMax: °F, kW, gal/min, psi; half AquaTherm: canonical)%n", count);
    }

    static TelemetryField number(String name, String unit, double min, double max) {
        return new TelemetryField(name, "number", unit, min, max, false, null);
    }

    void register(String tenant, String id, String manufacturer) throws Exception {
        publish(id, CloudEvent.of(Sources.DEVICE_REGISTRY, EventTypes.DEVICE_REGISTERED, id, tenant,
                new DeviceRegistered(id, "water-heater", id, manufacturer, "WH-1", "SN-" + id, true, List.of(), Map.of(),
                        Instant.now())));
    }

    void publish(String key, CloudEvent<?> event) throws Exception {
        producer.send(new ProducerRecord<>(PREFIX + Topics.DEVICE_LIFECYCLE, key, JSON.writeValueAsString(event)));
    }

    void awaitDevices(String tenant, int count) throws Exception {
        try (Connection c = connect(DB);
                PreparedStatement ps = c.prepareStatement("SELECT device_id, device_key FROM devices WHERE tenant = ?")) {
            ps.setString(1, tenant);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (true) {
                Map<String, Long> found = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getLong(2));
                    }
                }
                if (found.size() >= count) {
                    deviceKeys.putAll(found);
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + found.size() + " of " + count + " devices registered");
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    // -------------------------------------------------------------------------------------------------- COPY limit

    /** What PostgreSQL alone takes with COPY: the storage layout, and the narrow alternative (one row per value). */
    void copyLimit() throws Exception {
        int readings = setting("COPY_READINGS", 500_000);
        int chunk = 10_000;
        int tenantKey = 8_000_000;
        long keyBase = (long) tenantKey << 40;
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        try (Connection c = connect(DB)) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT telemetry_ensure_day(?, ?)")) {
                for (int d = -1; d <= 1; d++) {
                    ps.setInt(1, tenantKey);
                    ps.setObject(2, LocalDate.ofInstant(start, ZoneOffset.UTC).plusDays(d));
                    ps.execute();
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_narrow (device_key bigint NOT NULL, slot smallint NOT NULL,"
                        + " ts timestamptz NOT NULL, value double precision NOT NULL, PRIMARY KEY (device_key, slot, ts))");
            }
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            int devicesCount = 2000;
            long t0 = System.nanoTime();
            for (int from = 0; from < readings; from += chunk) {
                StringBuilder sb = new StringBuilder(chunk * 160);
                for (int i = from; i < Math.min(readings, from + chunk); i++) {
                    sb.append(keyBase + i % devicesCount).append('\t')
                            .append(start.plusMillis((long) (i / devicesCount) * 1000)).append('\t')
                            .append("{1,2,3,4,5,6,7,8,9,10}\t{");
                    for (int v = 0; v < 10; v++) {
                        sb.append(v == 0 ? "" : ",").append(50 + (i + v) % 40);
                    }
                    sb.append("}\n");
                }
                copy.copyIn("COPY telemetry (device_key, ts, metrics, vals) FROM STDIN", new StringReader(sb.toString()));
            }
            double wide = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            for (int from = 0; from < readings; from += chunk) {
                StringBuilder sb = new StringBuilder(chunk * 10 * 48);
                for (int i = from; i < Math.min(readings, from + chunk); i++) {
                    String ts = start.plusMillis((long) (i / devicesCount) * 1000).toString();
                    for (int v = 0; v < 10; v++) {
                        sb.append(keyBase + i % devicesCount).append('\t').append(v + 1).append('\t').append(ts)
                                .append('\t').append(50 + (i + v) % 40).append('\n');
                    }
                }
                copy.copyIn("COPY bench_narrow FROM STDIN", new StringReader(sb.toString()));
            }
            double narrow = (System.nanoTime() - t0) / 1e9;
            long wideBytes = 0;
            long narrowBytes = 0;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('telemetry_t" + tenantKey + "_"
                            + LocalDate.ofInstant(start, ZoneOffset.UTC).toString().replace("-", "") + "'),"
                            + " pg_total_relation_size('bench_narrow')")) {
                rs.next();
                wideBytes = rs.getLong(1);
                narrowBytes = rs.getLong(2);
            }
            System.out.printf("== PostgreSQL COPY limit (%,d readings of 10 values, %,d rows per COPY, 2,000 devices)%n",
                    readings, chunk);
            System.out.printf("   one row per reading (this service's layout): %,10.0f readings/s  (%,.0f values/s), %d bytes/reading with indexes%n",
                    readings / wide, readings * 10 / wide, wideBytes / readings);
            System.out.printf("   one row per value (narrow alternative):      %,10.0f readings/s  (%,.0f values/s), %d bytes/reading with indexes%n",
                    readings / narrow, readings * 10 / narrow, narrowBytes / readings);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_narrow");
                s.execute("DROP TABLE telemetry_t" + tenantKey);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- throughput

    interface Sender {
        /** Sends batches of readings until {@code running} turns false; counts what was accepted. */
        void send(AtomicBoolean running, LongAdder accepted, ConcurrentLinkedQueue<Long> latencies) throws Exception;
    }

    void throughput(String channel, Sender sender) throws Exception {
        int warmup = setting("WARMUP", 15);
        int duration = setting("DURATION", 60);
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder accepted = new LongAdder();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        double storedAtStart = metric("iotsphere_telemetry_readings_stored_total");
        storedSinceStart = 0;
        Thread monitor = new Thread(() -> {
            while (running.get()) {
                try {
                    storedSinceStart = metric("iotsphere_telemetry_readings_stored_total") - storedAtStart;
                    TimeUnit.MILLISECONDS.sleep(250);
                } catch (Exception e) {
                    return;
                }
            }
        });
        monitor.setDaemon(true);
        monitor.start();
        Thread load = new Thread(() -> {
            try {
                sender.send(running, accepted, latencies);
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        load.start();
        TimeUnit.SECONDS.sleep(warmup);
        latencies.clear();
        long acceptedFrom = accepted.sum();
        double storedFrom = metric("iotsphere_telemetry_readings_stored_total");
        long t0 = System.nanoTime();
        for (int s = 10; s <= duration; s += 10) {
            TimeUnit.SECONDS.sleep(10);
            double stored = metric("iotsphere_telemetry_readings_stored_total");
            System.out.printf("   %s t=%3ds accepted %,12d  stored %,12d  backlog %,10.0f  lag %s%n", channel, s,
                    accepted.sum() - acceptedFrom, (long) (stored - storedFrom),
                    accepted.sum() - (stored - storedAtStart), lag());
        }
        double window = (System.nanoTime() - t0) / 1e9;
        long acceptedWindow = accepted.sum() - acceptedFrom;
        double storedWindow = metric("iotsphere_telemetry_readings_stored_total") - storedFrom;
        running.set(false);
        load.join();
        long acceptedTotal = accepted.sum();
        long drainStart = System.nanoTime();
        double stored = 0;
        while (System.nanoTime() - drainStart < TimeUnit.MINUTES.toNanos(5)) {
            stored = metric("iotsphere_telemetry_readings_stored_total") - storedAtStart;
            if (stored >= acceptedTotal) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        double drain = (System.nanoTime() - drainStart) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("== sustained ingestion over %s (%d s measured after %d s warm-up; %d readings of 10 values per message)%n",
                channel, (int) window, warmup, setting("BATCH", 50));
        System.out.printf("   accepted %,10.0f readings/s   stored in PostgreSQL %,10.0f readings/s (%,.0f values/s)%n",
                acceptedWindow / window, storedWindow / window, storedWindow * 10 / window);
        System.out.printf("   after the load: %,d readings accepted in all, %,.0f stored, backlog drained in %.1f s%s%n",
                acceptedTotal, stored, drain, stored < acceptedTotal ? "  ** NOT ALL STORED **" : "");
        if (!sorted.isEmpty()) {
            System.out.printf("   %s acknowledgement of a message: p50 %.1f ms, p99 %.1f ms%n", channel,
                    pct(sorted, 50) / 1e6, pct(sorted, 99) / 1e6);
        }
        System.out.printf("   store batches: %.0f readings on average; duplicates %,.0f%n",
                metric("iotsphere_telemetry_store_batch_readings_sum") / Math.max(1, metric("iotsphere_telemetry_store_batch_readings_count")),
                metric("iotsphere_telemetry_readings_duplicates_total"));
    }

    /** Readings stored since the start of the current throughput phase (updated every 250 ms). */
    volatile double storedSinceStart;

    String lag() {
        try {
            return String.format("%,.0f", metric("iotsphere_telemetry_consumer_lag_records{channel=\"store\"}"));
        } catch (Exception e) {
            return "?";
        }
    }

    /** Closed loop: CONCURRENCY threads, each POSTing one batch after the other. */
    void httpSender(AtomicBoolean running, LongAdder accepted, ConcurrentLinkedQueue<Long> latencies) throws Exception {
        int threads = setting("CONCURRENCY", 32);
        int batch = setting("BATCH", 50);
        String token = System.getenv("BENCH_TOKEN");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (running.get()) {
                    String device = devices.get((int) (next.getAndIncrement() % devices.size()));
                    long t0 = System.nanoTime();
                    int status = post(device, body(device, batch), token);
                    if (status == 202) {
                        accepted.add(batch);
                        latencies.add(System.nanoTime() - t0);
                    } else {
                        System.out.println("   HTTP " + status);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
    }

    int post(String device, String body, String token) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/devices/" + device + "/telemetry"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** MQTT_CONNECTIONS publishers, QoS 1, each with up to 100 messages awaiting the broker's PUBACK. */
    void mqttSender(AtomicBoolean running, LongAdder accepted, ConcurrentLinkedQueue<Long> latencies) throws Exception {
        int connections = setting("MQTT_CONNECTIONS", 4);
        int batch = setting("BATCH", 50);
        long maxBacklog = setting("MQTT_MAX_BACKLOG", 20_000);
        Vertx vertx = Vertx.vertx();
        List<MqttClient> clients = new ArrayList<>();
        List<Semaphore> windows = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
                    .setClientId("bench-" + i + "-" + System.nanoTime()).setMaxInflightQueue(100));
            client.connect(setting("IOTSPHERE_MQTT_PORT", 1883), env("IOTSPHERE_MQTT_HOST", "localhost"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Semaphore window = new Semaphore(100);
            Map<Integer, Long> sent = new ConcurrentHashMap<>();
            client.publishCompletionHandler(id -> {
                Long t0 = sent.remove(id);
                if (t0 != null) {
                    latencies.add(System.nanoTime() - t0);
                }
                accepted.add(batch);
                window.release();
            });
            client.exceptionHandler(Throwable::printStackTrace);
            clients.add(client);
            windows.add(window);
            Thread publisher = new Thread(() -> {
                long n = 0;
                while (running.get()) {
                    try {
                        if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    // The broker acknowledges far faster than the service can store: keep the backlog (accepted by
                    // the broker, not yet stored) bounded, so the figure is what the service sustains, not a queue.
                    while (running.get() && accepted.sum() - storedSinceStart > maxBacklog) {
                        try {
                            TimeUnit.MILLISECONDS.sleep(10);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    String device = devices.get((int) ((n++ * connections + clients.indexOf(client)) % devices.size()));
                    long t0 = System.nanoTime();
                    client.publish("iotsphere/" + TENANT + "/devices/" + device + "/telemetry",
                            Buffer.buffer(body(device, batch)), MqttQoS.AT_LEAST_ONCE, false, false)
                            .onSuccess(id -> sent.put(id, t0))
                            .onFailure(e -> window.release());
                }
            });
            publisher.start();
        }
        while (running.get()) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        for (Semaphore window : windows) {
            window.acquire(100);
        }
        for (MqttClient client : clients) {
            client.disconnect();
        }
        vertx.close();
    }

    /** A message of {@code readings} readings of a device, in its manufacturer's names and units. */
    String body(String device, int readings) {
        boolean hydroMax = Integer.parseInt(device.substring(3)) % 2 == 0;
        AtomicLong last = lastMicros.computeIfAbsent(device, d -> new AtomicLong());
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(readings * 330).append("{\"readings\": [");
        for (int i = 0; i < readings; i++) {
            long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
            long micros = last.updateAndGet(prev -> Math.max(now, prev + 1));
            Instant ts = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            sb.append(i == 0 ? "" : ",").append("{\"ts\": \"").append(ts).append("\", \"values\": {");
            if (hydroMax) {
                sb.append("\"tankTempF\": ").append(120 + r.nextInt(30)).append(", \"setpointF\": 130")
                        .append(", \"inletTempF\": ").append(50 + r.nextInt(10))
                        .append(", \"outletTempF\": ").append(120 + r.nextInt(20))
                        .append(", \"ambientTempF\": ").append(60 + r.nextInt(15))
                        .append(", \"elementKw\": ").append(r.nextInt(45) / 10.0)
                        .append(", \"flowGpm\": ").append(r.nextInt(30) / 10.0)
                        .append(", \"pressurePsi\": ").append(40 + r.nextInt(20))
                        .append(", \"burnerOn\": ").append(r.nextBoolean())
                        .append(", \"energyWh\": ").append(micros / 1_000_000);
            } else {
                sb.append("\"tank_temperature\": ").append(50 + r.nextInt(15)).append(", \"setpoint\": 55")
                        .append(", \"inlet_temperature\": ").append(10 + r.nextInt(5))
                        .append(", \"outlet_temperature\": ").append(50 + r.nextInt(10))
                        .append(", \"ambient_temperature\": ").append(15 + r.nextInt(10))
                        .append(", \"element_power\": ").append(r.nextInt(4500))
                        .append(", \"flow_rate\": ").append(r.nextInt(110) / 10.0)
                        .append(", \"pressure\": ").append(280 + r.nextInt(130))
                        .append(", \"heating\": ").append(r.nextBoolean())
                        .append(", \"energy_used\": ").append(micros / 1_000_000_000);
            }
            sb.append("}}");
        }
        return sb.append("]}").toString();
    }

    // ---------------------------------------------------------------------------------------------------- latency

    /** Readings sent at RATE per second; how long until each message's last reading is returned by a query. */
    void latency(String channel) throws Exception {
        int rate = setting("RATE", 5000);
        int batch = setting("LATENCY_BATCH", 10);
        int warmup = setting("WARMUP", 15);
        int duration = setting("DURATION", 60);
        int messagesPerSecond = rate / batch;
        long periodNanos = 1_000_000_000L / messagesPerSecond;
        String token = System.getenv("BENCH_TOKEN");
        // The probe samples: one message in `every` is followed (about PROBES_PER_SECOND a second, default 20), and one
        // query every 50 ms asks for all followed messages not yet seen. Following every message (500 queries/s at
        // 5,000 readings/s) loaded the machine more than the ingestion did. The poll period adds 0 to 50 ms.
        int probes = setting("PROBES_PER_SECOND", 20);
        long every = Math.max(1, messagesPerSecond / Math.max(1, probes));
        record Sample(long deviceKey, Instant ts, long sentNanos, boolean measured) {}
        ConcurrentLinkedQueue<Sample> pending = new ConcurrentLinkedQueue<>();
        List<Long> visible = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder failed = new LongAdder();
        Vertx vertx = channel.equals("MQTT") ? Vertx.vertx() : null;
        MqttClient mqtt = null;
        if (vertx != null) {
            mqtt = MqttClient.create(vertx, new MqttClientOptions().setClientId("bench-latency-" + System.nanoTime())
                    .setMaxInflightQueue(10_000));
            mqtt.connect(setting("IOTSPHERE_MQTT_PORT", 1883), env("IOTSPHERE_MQTT_HOST", "localhost"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        Thread poller = new Thread(() -> {
            try (Connection c = connect(DB);
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT device_key, ts FROM telemetry WHERE device_key = ANY(?) AND ts = ANY(?)")) {
                while (running.get() || !pending.isEmpty()) {
                    List<Sample> batchOf = new ArrayList<>(pending);
                    if (!batchOf.isEmpty()) {
                        Array keys = c.createArrayOf("int8", batchOf.stream().map(Sample::deviceKey).distinct().toArray());
                        Array times = c.createArrayOf("timestamptz",
                                batchOf.stream().map(s -> Timestamp.from(s.ts())).toArray());
                        ps.setArray(1, keys);
                        ps.setArray(2, times);
                        java.util.Set<String> found = new java.util.HashSet<>();
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                found.add(rs.getLong(1) + "@" + rs.getTimestamp(2).toInstant());
                            }
                        }
                        long now = System.nanoTime();
                        for (Sample s : batchOf) {
                            if (found.contains(s.deviceKey() + "@" + s.ts())) {
                                pending.remove(s);
                                if (s.measured()) {
                                    visible.add(now - s.sentNanos());
                                }
                            } else if (now - s.sentNanos() > TimeUnit.SECONDS.toNanos(60)) {
                                pending.remove(s);
                                failed.increment();
                            }
                        }
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        poller.start();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        double storedAtStart = metric("iotsphere_telemetry_readings_stored_total");
        LongAdder sent = new LongAdder();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(warmup + duration);
        long n = 0;
        MqttClient client = mqtt;
        while (System.nanoTime() < end) {
            long due = start + n * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String device = devices.get((int) (n % devices.size()));
            String body = body(device, batch);
            Instant lastTs = Instant.EPOCH.plus(lastMicros.get(device).get(), ChronoUnit.MICROS);
            boolean measured = System.nanoTime() - start > TimeUnit.SECONDS.toNanos(warmup);
            long sentNanos = System.nanoTime();
            Sample sample = n % every == 0 ? new Sample(deviceKeys.get(device), lastTs, sentNanos, measured) : null;
            if (client != null) {
                client.publish("iotsphere/" + TENANT + "/devices/" + device + "/telemetry", Buffer.buffer(body),
                        MqttQoS.AT_LEAST_ONCE, false, false);
                sent.add(batch);
                if (sample != null) {
                    pending.add(sample);
                }
            } else {
                senders.submit(() -> {
                    if (post(device, body, token) == 202) {
                        sent.add(batch);
                        if (sample != null) {
                            pending.add(sample);
                        }
                    } else {
                        failed.increment();
                    }
                });
            }
            n++;
        }
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.MINUTES);
        running.set(false);
        poller.join();
        if (client != null) {
            client.disconnect();
            vertx.close();
        }
        // Every reading sent (HTTP: accepted) must be stored: the probe follows only some of them.
        double stored = 0;
        for (long t = System.nanoTime(); System.nanoTime() - t < TimeUnit.SECONDS.toNanos(60); ) {
            stored = metric("iotsphere_telemetry_readings_stored_total") - storedAtStart;
            if (stored >= sent.sum()) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        List<Long> sorted = new ArrayList<>(visible);
        Collections.sort(sorted);
        double achieved = n * batch / ((System.nanoTime() - start) / 1e9);
        System.out.printf("== accepted -> visible in a query, %s, %,d readings/s offered (%d readings per message, %d messages/s), %d s measured, one message in %d probed%n",
                channel, rate, batch, messagesPerSecond, duration, every);
        System.out.printf("   %,d messages measured: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms; not visible or refused: %d (sent at %,.0f readings/s)%n",
                sorted.size(), pct(sorted, 50) / 1e6, pct(sorted, 95) / 1e6, pct(sorted, 99) / 1e6,
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6, failed.sum(), achieved);
        System.out.printf("   %,d readings sent (HTTP: accepted), %,.0f stored%s%n", sent.sum(), stored,
                stored < sent.sum() ? "  ** NOT ALL STORED **" : "");
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    // --------------------------------------------------------------------------------------------- history, queries

    /** 30 days of readings every 10 s for QUERY_DEVICES devices, rolled up by the service, then queried. */
    void history() throws Exception {
        int count = setting("QUERY_DEVICES", 40);
        int days = setting("QUERY_DAYS", 30);
        for (int i = 0; i < count; i++) {
            register(HISTORY_TENANT, String.format("hist-%03d", i), "AquaTherm");
        }
        producer.flush();
        Map<String, Long> keysBefore = new HashMap<>(deviceKeys);
        awaitDevices(HISTORY_TENANT, count);
        List<Long> keys = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        deviceKeys.forEach((id, key) -> {
            if (id.startsWith("hist-") && !keysBefore.containsKey(id)) {
                keys.add(key);
                ids.add(id);
            }
        });
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant begin = end.minus(days, ChronoUnit.DAYS);
        long t0 = System.nanoTime();
        long rows = 0;
        try (Connection c = connect(DB)) {
            short[] slots = new short[CANONICAL.length];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO metrics (slot, name) SELECT nextval('metric_slot_seq'), n"
                    + " FROM unnest(?::text[]) AS n ON CONFLICT (name) DO NOTHING")) {
                ps.setArray(1, c.createArrayOf("text", CANONICAL));
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT slot FROM metrics WHERE name = ?")) {
                for (int i = 0; i < CANONICAL.length; i++) {
                    ps.setString(1, CANONICAL[i]);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        slots[i] = rs.getShort(1);
                    }
                }
            }
            int tenantKey = (int) (keys.get(0) >>> 40);
            try (PreparedStatement ps = c.prepareStatement("SELECT telemetry_ensure_day(?, ?)")) {
                for (LocalDate d = LocalDate.ofInstant(begin, ZoneOffset.UTC); !d.isAfter(LocalDate.ofInstant(end, ZoneOffset.UTC)); d = d.plusDays(1)) {
                    ps.setInt(1, tenantKey);
                    ps.setObject(2, d);
                    ps.execute();
                }
            }
            StringBuilder slotArray = new StringBuilder("{");
            for (int i = 0; i < slots.length; i++) {
                slotArray.append(i == 0 ? "" : ",").append(slots[i]);
            }
            slotArray.append('}');
            String insert = "INSERT INTO telemetry (device_key, ts, metrics, vals)"
                    + " SELECT k, t, '" + slotArray + "'::smallint[],"
                    + " ARRAY[55 + 8 * sin(extract(epoch FROM t) / 3600) + random(), 55, 12 + random(), 52 + random() * 5,"
                    + " 20 + random() * 3, (random() > 0.7)::int * 4500, random() * 10, 300 + random() * 50,"
                    + " (random() > 0.7)::int, extract(epoch FROM t) / 3600]::float8[]"
                    + " FROM unnest(?::bigint[]) AS k, generate_series(?::timestamptz, ?::timestamptz, interval '10 seconds') AS t";
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                for (Instant day = begin; day.isBefore(end); day = day.plus(1, ChronoUnit.DAYS)) {
                    ps.setArray(1, c.createArrayOf("int8", keys.toArray()));
                    ps.setTimestamp(2, Timestamp.from(day));
                    ps.setTimestamp(3, Timestamp.from(day.plus(1, ChronoUnit.DAYS).minusSeconds(10)));
                    rows += ps.executeUpdate();
                }
            }
            System.out.printf("== history: %,d readings (10 values each) of %d devices over %d days written in %.0f s (SQL, not through the service)%n",
                    rows, count, days, (System.nanoTime() - t0) / 1e9);
            // Rewind the rollups to the start of the history: the service rolls it up as after a 30-day stop.
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE telemetry");
                s.execute("UPDATE rollup_state SET boundary = '" + begin + "', materialized = '" + begin
                        + "' WHERE level = 'hour'");
                Instant firstDay = LocalDate.ofInstant(begin, ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
                s.execute("UPDATE rollup_state SET boundary = '" + firstDay + "', materialized = '" + firstDay
                        + "' WHERE level = 'day'");
            }
            long r0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("SELECT materialized FROM rollup_state WHERE level = ?")) {
                Instant dayDone = LocalDate.ofInstant(end, ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
                while (true) {
                    Instant hour = materialized(ps, "hour");
                    Instant dayLevel = materialized(ps, "day");
                    if (!hour.isBefore(end) && !dayLevel.isBefore(dayDone)) {
                        break;
                    }
                    if (System.nanoTime() - r0 > TimeUnit.MINUTES.toNanos(60)) {
                        throw new IllegalStateException("rollups not caught up after 60 min: hourly at " + hour);
                    }
                    TimeUnit.SECONDS.sleep(1);
                }
            }
            double rollup = (System.nanoTime() - r0) / 1e9;
            System.out.printf("   rolled up by the service (hourly from raw, daily from hourly) in %.0f s: %,.0f readings/s%n",
                    rollup, rows / rollup);
            String token = System.getenv("BENCH_HISTORY_TOKEN");
            String range = "&from=" + begin + "&to=" + end;
            query("device, 30 days by the hour (720 buckets)", token, ids, id -> "/api/v1/devices/" + id
                    + "/telemetry?metric=tank_temperature&interval=1h&agg=avg" + range);
            query("device, 30 days by the day", token, ids, id -> "/api/v1/devices/" + id
                    + "/telemetry?metric=tank_temperature&interval=1d&agg=max" + range);
            query("fleet of " + count + ", 30 days by the hour", token, ids,
                    id -> "/api/v1/telemetry/fleet?metric=tank_temperature&deviceType=water-heater&interval=1h&agg=avg" + range);
            // The same device query computed from the raw rows, for comparison.
            List<Long> raw = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT date_bin('1 hour', t.ts, timestamptz '1970-01-01Z'),"
                    + " avg(t.vals[array_position(t.metrics, ?::smallint)]) FROM telemetry t"
                    + " WHERE t.device_key = ? AND t.ts >= ? AND t.ts < ? GROUP BY 1 ORDER BY 1")) {
                for (int i = 0; i < 5; i++) {
                    ps.setShort(1, slots[0]);
                    ps.setLong(2, keys.get(i % keys.size()));
                    ps.setTimestamp(3, Timestamp.from(begin));
                    ps.setTimestamp(4, Timestamp.from(end));
                    long q0 = System.nanoTime();
                    int buckets = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            buckets++;
                        }
                    }
                    raw.add(System.nanoTime() - q0);
                    if (buckets != days * 24) {
                        System.out.println("   raw query returned " + buckets + " buckets");
                    }
                }
            }
            Collections.sort(raw);
            System.out.printf("   for comparison, the device query on the %,d raw rows of the device (SQL, no rollup): p50 %.0f ms%n",
                    rows / count, pct(raw, 50) / 1e6);
        }
    }

    static Instant materialized(PreparedStatement ps, String level) throws SQLException {
        ps.setString(1, level);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    void query(String what, String token, List<String> ids, java.util.function.Function<String, String> path) throws Exception {
        List<Long> times = new ArrayList<>();
        int runs = 30;
        int points = -1;
        for (int i = 0; i < runs + 3; i++) {
            String id = ids.get(i % ids.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path.apply(id)))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(60))
                    .GET()
                    .build();
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
            }
            if (i >= 3) {
                times.add(elapsed);
            }
            Matcher m = Pattern.compile("\"ts\"").matcher(response.body());
            int n = 0;
            while (m.find()) {
                n++;
            }
            points = n;
        }
        Collections.sort(times);
        System.out.printf("   API %-40s %4d points: p50 %5.1f ms, p99 %5.1f ms (%d runs, HTTP included)%n", what, points,
                pct(times, 50) / 1e6, pct(times, 99) / 1e6, runs);
    }

    // ---------------------------------------------------------------------------------------------------- metrics

    double metric(String sample) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/q/metrics")).GET().build();
        String text = http.send(request, HttpResponse.BodyHandlers.ofString()).body().replace(",}", "}");
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
