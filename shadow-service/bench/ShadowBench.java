import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Load tool of the shadow benchmark (run by run.sh, not a test). Modes:
 * <ul>
 *   <li>{@code topics-create <bootstrap> <prefix>} / {@code topics-delete <bootstrap> <prefix>}: the run's own topics;
 *   <li>{@code run <baseUrl> <token> <tenant> <devices> <concurrency> <warmupS> <seconds> <bootstrap> <prefix>}:
 *       registers the devices through device-lifecycle, keeps {@code concurrency} PATCHes of desired state in flight
 *       for warm-up + measured seconds, prints updates/s and latency percentiles of the measured window, then checks
 *       that shadow-changes received one event per accepted update;
 *   <li>{@code register <baseUrl> <token> <tenant> <devices> <bootstrap> <prefix>}: only the registration (for wrk);
 *   <li>{@code events <bootstrap> <prefix>}: prints the number of records on the run's shadow-changes;
 *   <li>{@code check <bootstrap> <prefix> <eventsBefore> <updates>}: waits until shadow-changes received one event per
 *       update the shadows' versions count, and prints both;
 *   <li>{@code telemetry <baseUrl> <token> <tenant> <devices> <rounds> <bootstrap> <prefix> [name:pid,...]}: sends
 *       {@code rounds} telemetry.recorded events per device (one reading of 6 metrics each, newer every round, rounds
 *       one after the other) to telemetry-readings as fast as a producer can, and measures until the last round is in
 *       every device's shadow: readings applied per second, end to end, and CPU per reading of each process;
 *   <li>{@code reported <baseUrl> <tenant> <devices> <connections> <warmupS> <seconds> <bootstrap> <prefix>
 *       <maxBacklog> [name:pid,...]}: devices report state over MQTT ({@code .../state/reported}, QoS 1) on
 *       {@code connections} connections as fast as the service applies them (the broker-acknowledged, not yet applied
 *       backlog bounded by {@code maxBacklog}); prints updates/s, the service's time per update (histogram) and the
 *       CPU per update of each process over the measured window, then checks that every acknowledged message became
 *       one update and one event.
 * </ul>
 */
public class ShadowBench {

    static final Map<String, Integer> TOPICS = Map.of(
            "device-lifecycle", 3, "telemetry-readings", 6, "shadow-changes", 3, "device-commands", 3,
            "command-results", 3, "command-status", 3, "predictions", 3, "model-alerts", 3);

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "topics-create" -> topics(args[1], args[2], true);
            case "topics-delete" -> topics(args[1], args[2], false);
            case "run" -> run(args);
            case "register" -> register(URI.create(args[1]), args[2], args[3], Integer.parseInt(args[4]), args[5], args[6]);
            case "events" -> System.out.println(events(args[1], args[2]));
            case "check" -> check(args[1], args[2], Long.parseLong(args[3]), Long.parseLong(args[4]));
            case "telemetry" -> telemetry(args);
            case "reported" -> reported(args);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static Properties kafka(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("acks", "all");
        return props;
    }

    static void topics(String bootstrap, String prefix, boolean create) throws Exception {
        try (Admin admin = Admin.create(kafka(bootstrap))) {
            List<String> names = new ArrayList<>();
            List<NewTopic> topics = new ArrayList<>();
            TOPICS.forEach((name, partitions) -> {
                names.add(prefix + name);
                names.add(prefix + name + ".dlq");
                topics.add(new NewTopic(prefix + name, partitions, (short) 1));
                topics.add(new NewTopic(prefix + name + ".dlq", 1, (short) 1));
            });
            if (create) {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            } else {
                admin.deleteTopics(names).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    static void run(String[] args) throws Exception {
        URI base = URI.create(args[1]);
        String token = args[2];
        String tenant = args[3];
        int devices = Integer.parseInt(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        int warmup = Integer.parseInt(args[6]);
        int seconds = Integer.parseInt(args[7]);
        String bootstrap = args[8];
        String prefix = args[9];
        // Processes whose CPU is reported per update: name:pid,... (the service first), plus this load generator.
        Map<String, Long> processes = processes(args.length > 10 ? args[10] : null);

        List<String> ids = register(base, token, tenant, devices, bootstrap, prefix);
        long eventsBefore = events(bootstrap, prefix);

        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort())
                .setKeepAlive(true)
                .setMaxPoolSize(concurrency));
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        long[] latencies = new long[16_000_000];
        AtomicLong recorded = new AtomicLong();
        LongAdder accepted = new LongAdder();
        LongAdder acceptedMeasured = new LongAdder();
        Map<Integer, LongAdder> failures = new java.util.concurrent.ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        CpuWindow cpu = new CpuWindow(processes);
        vertx.setTimer(Math.max(1, (measureFrom - System.nanoTime()) / 1_000_000), t -> cpu.start());
        vertx.setTimer(Math.max(1, (end - System.nanoTime()) / 1_000_000), t -> cpu.stop());
        for (int i = 0; i < concurrency; i++) {
            vertx.runOnContext(v -> loop(client, token, ids, end, measureFrom, latencies, recorded, accepted,
                    acceptedMeasured, failures, done));
        }
        done.await();
        client.close();
        vertx.close();

        int n = (int) Math.min(recorded.get(), latencies.length);
        long[] sample = Arrays.copyOf(latencies, n);
        Arrays.sort(sample);
        System.out.printf("shadow updates (PATCH desired, %d devices, %d in flight, %d s measured after %d s warm-up)%n",
                devices, concurrency, seconds, warmup);
        System.out.printf("  accepted: %d in the window = %.0f updates/s%n", acceptedMeasured.sum(),
                acceptedMeasured.sum() / (double) seconds);
        System.out.printf("  latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                ms(sample, 0.50), ms(sample, 0.90), ms(sample, 0.99), ms(sample, 0.999),
                n == 0 ? 0 : sample[n - 1] / 1e6);
        System.out.printf("  failures: %s%n", failures.isEmpty() ? "none" : failures);
        if (acceptedMeasured.sum() > 0) {
            cpu.print(" in the window", acceptedMeasured.sum(), "update", seconds);
        }

        long expected = accepted.sum();
        long waitFrom = System.nanoTime();
        long published = 0;
        while (System.nanoTime() - waitFrom < TimeUnit.SECONDS.toNanos(120)) {
            published = events(bootstrap, prefix) - eventsBefore;
            if (published >= expected) {
                break;
            }
            Thread.sleep(200);
        }
        System.out.printf("  shadow.updated on Kafka: %d for %d accepted updates (outbox drained %.1f s after the load)%n",
                published, expected, (System.nanoTime() - waitFrom) / 1e9);
    }

    static void loop(HttpClient client, String token, List<String> ids, long end, long measureFrom, long[] latencies,
            AtomicLong recorded, LongAdder accepted, LongAdder acceptedMeasured, Map<Integer, LongAdder> failures,
            CountDownLatch done) {
        long sent = System.nanoTime();
        if (sent >= end) {
            done.countDown();
            return;
        }
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        String body = "{\"state\":{\"desired\":{\"targetTemperature\":" + (40 + ThreadLocalRandom.current().nextInt(30))
                + ",\"mode\":\"eco\"}}}";
        client.request(new RequestOptions().setMethod(HttpMethod.PATCH).setURI("/api/v1/devices/" + id + "/shadow"))
                .compose(req -> req.putHeader("Authorization", "Bearer " + token)
                        .putHeader("Content-Type", "application/json")
                        .send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(b -> resp.statusCode()))
                .onComplete(result -> {
                    long now = System.nanoTime();
                    int status = result.succeeded() ? result.result() : -1;
                    if (status == 200) {
                        accepted.increment();
                        if (sent >= measureFrom && now <= end) {
                            acceptedMeasured.increment();
                            long slot = recorded.getAndIncrement();
                            if (slot < latencies.length) {
                                latencies[(int) slot] = now - sent;
                            }
                        }
                    } else {
                        failures.computeIfAbsent(status, s -> new LongAdder()).increment();
                    }
                    loop(client, token, ids, end, measureFrom, latencies, recorded, accepted, acceptedMeasured,
                            failures, done);
                });
    }

    static Map<String, Long> processes(String list) {
        Map<String, Long> processes = new java.util.LinkedHashMap<>();
        if (list != null && !list.isEmpty()) {
            for (String process : list.split(",")) {
                String[] nameAndPid = process.split(":");
                processes.put(nameAndPid[0], Long.parseLong(nameAndPid[1]));
            }
        }
        processes.put("load generator", ProcessHandle.current().pid());
        return processes;
    }

    static void check(String bootstrap, String prefix, long eventsBefore, long updates) throws Exception {
        long waitFrom = System.nanoTime();
        long published = 0;
        while (System.nanoTime() - waitFrom < TimeUnit.SECONDS.toNanos(120)) {
            published = events(bootstrap, prefix) - eventsBefore;
            if (published >= updates) {
                break;
            }
            Thread.sleep(200);
        }
        System.out.printf("  shadow.updated on Kafka: %d for %d updates applied (outbox drained %.1f s after the load)%s%n",
                published, updates, (System.nanoTime() - waitFrom) / 1e9, published == updates ? "" : "  MISMATCH");
    }

    static void telemetry(String[] args) throws Exception {
        URI base = URI.create(args[1]);
        String token = args[2];
        String tenant = args[3];
        int devices = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        String bootstrap = args[6];
        String prefix = args[7];
        Map<String, Long> processes = processes(args.length > 8 ? args[8] : null);
        long eventsBefore = events(bootstrap, prefix);
        Properties props = kafka(bootstrap);
        props.put("linger.ms", "20");
        props.put("batch.size", "262144");
        props.put("compression.type", "lz4");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        URI metrics = base.resolve("/q/metrics");
        double[] batchesBefore = writeBatches(http, metrics);
        CpuWindow cpu = new CpuWindow(processes);
        cpu.start();
        long base0 = Instant.now().minusSeconds(3600).toEpochMilli();
        long start = System.nanoTime();
        Map<Integer, String> lastOfPartition = new java.util.concurrent.ConcurrentHashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int round = 0; round < rounds; round++) {
                Instant ts = Instant.ofEpochMilli(base0 + round * 1000L);
                for (int d = 0; d < devices; d++) {
                    String id = "bench-" + d;
                    String event = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                            + "\",\"source\":\"/iotsphere/telemetry-service\",\"type\":\"io.iotsphere.telemetry.reading.recorded.v1\""
                            + ",\"time\":\"" + ts + "\",\"subject\":\"" + id + "\",\"tenant\":\"" + tenant
                            + "\",\"datacontenttype\":\"application/json\",\"data\":{\"deviceId\":\"" + id
                            + "\",\"deviceType\":\"water-heater\",\"manufacturer\":\"bench\",\"readings\":[{\"ts\":\"" + ts
                            + "\",\"values\":{\"round\":" + round + ",\"tank_temperature\":" + (50 + (round + d) % 20) + ".5"
                            + ",\"inlet_temperature\":12.25,\"power_w\":" + (round % 2) * 4500 + ",\"flow_lpm\":"
                            + (round % 7) + ".0,\"heating\":" + (round % 2) + "}}]}}";
                    producer.send(new ProducerRecord<>(prefix + "telemetry-readings", id, event), (metadata, e) -> {
                        if (metadata != null) {
                            lastOfPartition.put(metadata.partition(), id);
                        }
                    });
                }
            }
            producer.flush();
        }
        long produced = System.nanoTime();
        long readings = (long) rounds * devices;
        java.util.regex.Pattern last = java.util.regex.Pattern.compile("\"round\":" + (rounds - 1) + "[,}]");
        List<String> probes = new ArrayList<>(new java.util.TreeSet<>(lastOfPartition.values()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (!probes.isEmpty()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/devices/" + probes.get(0) + "/shadow"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && last.matcher(r.body()).find()) {
                probes.remove(0);
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("last round not applied to " + probes.get(0) + ": " + r.body());
            }
            Thread.sleep(50);
        }
        long applied = System.nanoTime();
        cpu.stop();
        double seconds = (applied - start) / 1e9;
        System.out.printf("telemetry readings (%d devices x %d rounds = %d telemetry.recorded events, 1 reading of 6 metrics each)%n",
                devices, rounds, readings);
        System.out.printf("  produced in %.1f s; all applied %.1f s after the first was sent = %.0f readings/s end to end%n",
                (produced - start) / 1e9, seconds, readings / seconds);
        printWriteBatches(batchesBefore, writeBatches(http, metrics));
        cpu.print("", readings, "reading", seconds);
        long updates = events(bootstrap, prefix) - eventsBefore;
        System.out.printf("  shadow.updated on Kafka for these readings: %d (readings of one device in one poll make one update)%n",
                updates);
    }

    static void reported(String[] args) throws Exception {
        URI base = URI.create(args[1]);
        String tenant = args[2];
        int devices = Integer.parseInt(args[3]);
        int connections = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);
        String bootstrap = args[7];
        String prefix = args[8];
        long maxBacklog = Long.parseLong(args[9]);
        Map<String, Long> processes = processes(args.length > 10 ? args[10] : null);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        URI metrics = base.resolve("/q/metrics");
        double appliedBefore = mqttUpdates(http, metrics);
        long eventsBefore = events(bootstrap, prefix);
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        LongAdder acked = new LongAdder();
        AtomicLong applied = new AtomicLong();
        Thread monitor = new Thread(() -> {
            while (running.get()) {
                try {
                    applied.set((long) (mqttUpdates(http, metrics) - appliedBefore));
                    // Every scrape costs the service CPU (it renders all its metrics): 4 a second.
                    Thread.sleep(250);
                } catch (Exception e) {
                    return;
                }
            }
        });
        monitor.setDaemon(true);
        monitor.start();
        Vertx vertx = Vertx.vertx();
        int window = 100;
        List<io.vertx.mqtt.MqttClient> clients = new ArrayList<>();
        List<java.util.concurrent.Semaphore> windows = new ArrayList<>();
        List<Thread> publishers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            io.vertx.mqtt.MqttClient client = io.vertx.mqtt.MqttClient.create(vertx, new io.vertx.mqtt.MqttClientOptions()
                    .setClientId("bench-reported-" + c + "-" + System.nanoTime()).setMaxInflightQueue(window));
            client.connect(Integer.parseInt(System.getenv().getOrDefault("IOTSPHERE_MQTT_PORT", "1883")),
                            System.getenv().getOrDefault("IOTSPHERE_MQTT_HOST", "localhost"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            java.util.concurrent.Semaphore free = new java.util.concurrent.Semaphore(window);
            client.publishCompletionHandler(id -> {
                acked.increment();
                free.release();
            });
            clients.add(client);
            windows.add(free);
            int connection = c;
            Thread publisher = new Thread(() -> {
                long n = 0;
                while (running.get()) {
                    try {
                        if (!free.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                        // The broker acknowledges faster than the service applies: bound what waits in between, so
                        // the figure is the rate the service sustains, not the broker's queue filling up.
                        while (running.get() && acked.sum() - applied.get() > maxBacklog) {
                            Thread.sleep(5);
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    String device = "bench-" + ((n * connections + connection) % devices);
                    String body = "{\"state\":{\"reported\":{\"temperature\":" + (40 + n % 30) + ".5,\"mode\":\""
                            + (n % 2 == 0 ? "eco" : "boost") + "\",\"seq\":" + n + "}},\"clientToken\":\"c" + n + "\"}";
                    n++;
                    client.publish("iotsphere/" + tenant + "/devices/" + device + "/state/reported", Buffer.buffer(body),
                                    io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE, false, false)
                            .onFailure(e -> free.release());
                }
            });
            publishers.add(publisher);
            publisher.start();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
        Map<String, double[]> buckets = histogram(http, metrics);
        double[] batchesBefore = writeBatches(http, metrics);
        CpuWindow cpu = new CpuWindow(processes);
        cpu.start();
        long from = applied.get();
        long t0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long to = applied.get();
        double window1 = (System.nanoTime() - t0) / 1e9;
        cpu.stop();
        Map<String, double[]> bucketsAfter = histogram(http, metrics);
        double[] batchesAfter = writeBatches(http, metrics);
        running.set(false);
        for (Thread publisher : publishers) {
            publisher.join();
        }
        for (java.util.concurrent.Semaphore free : windows) {
            free.tryAcquire(window, 30, TimeUnit.SECONDS);
        }
        long sent = acked.sum();
        long drainFrom = System.nanoTime();
        long all = 0;
        while (System.nanoTime() - drainFrom < TimeUnit.SECONDS.toNanos(120)) {
            all = (long) (mqttUpdates(http, metrics) - appliedBefore);
            if (all >= sent) {
                break;
            }
            Thread.sleep(100);
        }
        for (io.vertx.mqtt.MqttClient client : clients) {
            client.disconnect();
        }
        vertx.close();
        long updates = to - from;
        System.out.printf("reported state over MQTT (%d devices, %d connections, QoS 1, backlog at most %,d; %d s measured after %d s warm-up)%n",
                devices, connections, maxBacklog, seconds, warmup);
        System.out.printf("  applied: %d in the window = %.0f updates/s%n", updates, updates / window1);
        System.out.printf("  service time per update (iotsphere_shadow_update_seconds{source=mqtt}, read to stored, in the window): p50 %s, p99 %s%n",
                quantile(buckets, bucketsAfter, 0.50), quantile(buckets, bucketsAfter, 0.99));
        printWriteBatches(batchesBefore, batchesAfter);
        cpu.print("", Math.max(1, updates), "update", window1);
        System.out.printf("  messages acknowledged by the broker: %d; updates applied: %d (drained %.1f s after the load)%s%n",
                sent, all, (System.nanoTime() - drainFrom) / 1e9, all == sent ? "" : "  MISMATCH");
        check(bootstrap, prefix, eventsBefore, all);
    }

    /** The lines of the service's Prometheus endpoint. */
    static String[] scrape(java.net.http.HttpClient http, URI metrics) throws Exception {
        return http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                .body()
                .split("\n");
    }

    /** Shadow writes and the Redis script runs that carried them so far (iotsphere_shadow_write_batch_writes). */
    static double[] writeBatches(java.net.http.HttpClient http, URI metrics) throws Exception {
        double[] sumAndCount = new double[2];
        for (String line : scrape(http, metrics)) {
            if (line.startsWith("iotsphere_shadow_write_batch_writes_sum")) {
                sumAndCount[0] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("iotsphere_shadow_write_batch_writes_count")) {
                sumAndCount[1] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sumAndCount;
    }

    static void printWriteBatches(double[] before, double[] after) {
        double writes = after[0] - before[0];
        double runs = after[1] - before[1];
        System.out.printf("  writes per Redis script run: %.1f on average (%.0f writes in %.0f runs)%n",
                runs == 0 ? 0 : writes / runs, writes, runs);
    }

    /** Accepted MQTT updates so far, from the service's Prometheus endpoint. */
    static double mqttUpdates(java.net.http.HttpClient http, URI metrics) throws Exception {
        double total = 0;
        for (String line : scrape(http, metrics)) {
            if (line.startsWith("iotsphere_shadow_updates_total{") && line.contains("source=\"mqtt\"")
                    && line.contains("outcome=\"accepted\"")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** The MQTT update-time histogram: upper bound (s) -> cumulative count. */
    static Map<String, double[]> histogram(java.net.http.HttpClient http, URI metrics) throws Exception {
        Map<String, double[]> buckets = new java.util.TreeMap<>((a, b) -> Double.compare(le(a), le(b)));
        for (String line : scrape(http, metrics)) {
            if (line.startsWith("iotsphere_shadow_update_seconds_bucket{") && line.contains("source=\"mqtt\"")) {
                int at = line.indexOf("le=\"") + 4;
                buckets.put(line.substring(at, line.indexOf('"', at)),
                        new double[] {Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))});
            }
        }
        return buckets;
    }

    static double le(String bound) {
        return bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
    }

    /** The bucket bound under which the quantile of the window (after minus before) falls, in ms. */
    static String quantile(Map<String, double[]> before, Map<String, double[]> after, double q) {
        double total = 0;
        for (Map.Entry<String, double[]> e : after.entrySet()) {
            total = e.getValue()[0] - before.getOrDefault(e.getKey(), new double[] {0})[0];
        }
        for (Map.Entry<String, double[]> e : after.entrySet()) {
            double count = e.getValue()[0] - before.getOrDefault(e.getKey(), new double[] {0})[0];
            if (count >= q * total) {
                return e.getKey().equals("+Inf") ? "> last bucket" : String.format("<= %.1f ms", le(e.getKey()) * 1000);
            }
        }
        return "no samples";
    }

    /** The CPU each named process spent between {@link #start()} and {@link #stop()}. */
    static final class CpuWindow {
        private final Map<String, Long> processes;
        private final Map<String, long[]> ticks = new java.util.LinkedHashMap<>();

        CpuWindow(Map<String, Long> processes) {
            this.processes = processes;
            processes.keySet().forEach(name -> ticks.put(name, new long[2]));
        }

        void start() {
            processes.forEach((name, pid) -> ticks.get(name)[0] = cpuTicks(pid));
        }

        void stop() {
            processes.forEach((name, pid) -> ticks.get(name)[1] = cpuTicks(pid));
        }

        /** One line per process: CPU seconds, per {@code unit} of {@code count}, and cores over {@code seconds}. */
        void print(String suffix, long count, String unit, double seconds) {
            ticks.forEach((name, t) -> {
                double cpuSeconds = (t[1] - t[0]) / 100.0;
                System.out.printf("  %s CPU%s: %.1f s = %.0f us per %s (%.2f cores)%n", name, suffix, cpuSeconds,
                        cpuSeconds * 1e6 / count, unit, cpuSeconds / seconds);
            });
        }
    }

    /** User + system CPU time of a process, in clock ticks (1/100 s), from /proc. */
    static long cpuTicks(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (Exception e) {
            return 0;
        }
    }

    static double ms(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** Registers the devices as the registry would, and waits until the service knows the last one. */
    static List<String> register(URI base, String token, String tenant, int devices, String bootstrap, String prefix)
            throws Exception {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka(bootstrap))) {
            for (int i = 0; i < devices; i++) {
                String id = "bench-" + i;
                ids.add(id);
                String event = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                        + "\",\"source\":\"/iotsphere/device-registry-service\",\"type\":\"io.iotsphere.device.registered.v1\""
                        + ",\"time\":\"" + Instant.now() + "\",\"subject\":\"" + id + "\",\"tenant\":\"" + tenant
                        + "\",\"datacontenttype\":\"application/json\",\"data\":{\"deviceId\":\"" + id
                        + "\",\"deviceType\":\"water-heater\",\"simulated\":true,\"registeredAt\":\"" + Instant.now() + "\"}}";
                producer.send(new ProducerRecord<>(prefix + "device-lifecycle", id, event));
            }
            producer.flush();
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (String id : List.of(ids.get(0), ids.get(ids.size() - 1))) {
            while (true) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/devices/" + id + "/shadow"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 || r.body().contains("no-shadow")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("device " + id + " not registered: " + r.statusCode() + " " + r.body());
                }
                Thread.sleep(200);
            }
        }
        return ids;
    }

    /** Records on the run's shadow-changes topic (sum of end offsets). */
    static long events(String bootstrap, String prefix) throws Exception {
        try (Admin admin = Admin.create(kafka(bootstrap))) {
            String topic = prefix + "shadow-changes";
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
