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
 *       that shadow-changes received one event per accepted update.
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
        long servicePid = args.length > 10 ? Long.parseLong(args[10]) : -1;

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
        long[] cpu = new long[2];
        vertx.setTimer(Math.max(1, (measureFrom - System.nanoTime()) / 1_000_000), t -> cpu[0] = cpuTicks(servicePid));
        vertx.setTimer(Math.max(1, (end - System.nanoTime()) / 1_000_000), t -> cpu[1] = cpuTicks(servicePid));
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
        if (servicePid > 0 && acceptedMeasured.sum() > 0) {
            double cpuSeconds = (cpu[1] - cpu[0]) / 100.0;
            System.out.printf("  service CPU in the window: %.1f s = %.0f us per update (%.2f cores)%n", cpuSeconds,
                    cpuSeconds * 1e6 / acceptedMeasured.sum(), cpuSeconds / seconds);
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
