import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.device.Capabilities;
import io.iotsphere.contracts.device.CommandParam;
import io.iotsphere.contracts.device.CommandSpec;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.iotsphere.contracts.device.PresenceChanged;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Load tool of the command benchmark (run by run.sh, not a test). Modes:
 * <ul>
 *   <li>{@code topics-create <bootstrap> <prefix>} / {@code topics-delete <bootstrap> <prefix>}: the run's own topics;
 *   <li>{@code run <baseUrl> <token> <tenant> <devices> <concurrency> <warmupS> <seconds> <bootstrap> <prefix>
 *       <mqttHost> <mqttPort>}: publishes the catalog and the devices (online) on device-lifecycle as the registry
 *       would, starts a simulated responder (one MQTT client subscribed to every device's commands topic, answering
 *       each command at once with {@code completed} on {@code .../commands/results}), keeps {@code concurrency}
 *       POSTs of commands in flight, each waiting for its command's answer before the next (closed loop: a slot is
 *       free again when the responder answered), then waits until every accepted command ended. Prints requests
 *       accepted/s and answers/s; the exact dispatch-to-success latencies are read by run.sh from the database.
 * </ul>
 */
public class CommandBench {

    static final ObjectMapper JSON =
            new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Left for a command answered before its worker waited for it. */
    static final CountDownLatch ANSWERED = new CountDownLatch(0);

    static final Map<String, Integer> TOPICS =
            Map.of("device-lifecycle", 3, "device-commands", 3, "command-results", 3, "command-status", 3);

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
        String mqttHost = args[10];
        int mqttPort = Integer.parseInt(args[11]);
        long servicePid = args.length > 12 ? Long.parseLong(args[12]) : -1;

        Vertx vertx = Vertx.vertx();
        // The simulated responder: answers every command of the tenant's devices at once.
        Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
        LongAdder answered = new LongAdder();
        // Dispatch (the attempt's SENT, stamped in the message) to reception by the responder, in the measured window.
        List<Long> dispatchToDevice = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] window = new long[2];
        MqttClient responder = MqttClient.create(
                vertx,
                new MqttClientOptions()
                        .setClientId("command-bench-" + UUID.randomUUID())
                        .setMaxInflightQueue(10_000)
                        .setAutoKeepAlive(true));
        responder.publishHandler(m -> {
            JsonObject command = new JsonObject(m.payload().toString());
            String id = command.getString("commandId");
            long now = System.currentTimeMillis();
            if (window[0] > 0 && now >= window[0] && now < window[1]) {
                dispatchToDevice.add(now - Instant.parse(command.getString("dispatchedAt")).toEpochMilli());
            }
            JsonObject result = new JsonObject().put("commandId", id).put("status", "completed");
            responder.publish(m.topicName() + "/results", Buffer.buffer(result.encode()), MqttQoS.AT_LEAST_ONCE, false,
                    false);
            answered.increment();
            // Wakes the worker waiting for it, or leaves word for one that has not started waiting yet.
            waiting.compute(id, (k, latch) -> {
                if (latch == null) {
                    return ANSWERED;
                }
                latch.countDown();
                return null;
            });
        });
        responder.connect(mqttPort, mqttHost).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        responder.subscribe("iotsphere/" + tenant + "/devices/+/commands", MqttQoS.AT_LEAST_ONCE.value())
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        List<String> ids = register(base, token, tenant, devices, bootstrap, prefix);

        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort()).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(concurrency));
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        Instant windowStart = Instant.now().plusSeconds(warmup);
        window[1] = windowStart.plusSeconds(seconds).toEpochMilli();
        window[0] = windowStart.toEpochMilli();
        long[] cpu = new long[2];
        LongAdder accepted = new LongAdder();
        LongAdder acceptedMeasured = new LongAdder();
        AtomicLong answeredAtStart = new AtomicLong();
        AtomicLong answeredAtEnd = new AtomicLong();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        vertx.setTimer(Math.max(1, (measureFrom - System.nanoTime()) / 1_000_000), t -> {
            answeredAtStart.set(answered.sum());
            cpu[0] = cpuTicks(servicePid);
        });
        vertx.setTimer(Math.max(1, (end - System.nanoTime()) / 1_000_000), t -> {
            answeredAtEnd.set(answered.sum());
            cpu[1] = cpuTicks(servicePid);
        });
        String body = "{\"name\":\"set_mode\",\"params\":{\"mode\":\"heat\"},\"timeoutSeconds\":60,\"maxRetries\":0}";
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            int slot = i;
            Thread worker = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    // Each slot keeps to its own devices: commands of one device go one after another.
                    String device = ids.get((slot + n * concurrency) % ids.size());
                    n++;
                    try {
                        var response = client.request(new RequestOptions()
                                        .setMethod(HttpMethod.POST)
                                        .setURI("/api/v1/devices/" + device + "/commands")
                                        .putHeader("Authorization", "Bearer " + token)
                                        .putHeader("Content-Type", "application/json"))
                                .compose(r -> r.send(body).compose(res -> res.body().map(b -> Map.entry(res.statusCode(), b))))
                                .toCompletionStage()
                                .toCompletableFuture()
                                .get(30, TimeUnit.SECONDS);
                        if (response.getKey() != 201) {
                            failures.computeIfAbsent("HTTP " + response.getKey(), k -> new LongAdder()).increment();
                            continue;
                        }
                        String id = new JsonObject(response.getValue()).getString("id");
                        CountDownLatch latch =
                                waiting.compute(id, (k, early) -> early == null ? new CountDownLatch(1) : early);
                        accepted.increment();
                        if (System.nanoTime() >= measureFrom) {
                            acceptedMeasured.increment();
                        }
                        // Answered already (the responder was faster than this thread), or wait for it.
                        if (latch == ANSWERED) {
                            waiting.remove(id);
                            continue;
                        }
                        if (latch.await(30, TimeUnit.SECONDS)) {
                            continue;
                        }
                        waiting.remove(id);
                        failures.computeIfAbsent("not received within 30 s", k -> new LongAdder()).increment();
                    } catch (Exception e) {
                        failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                    }
                }
            }, "bench-" + i);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf(
                "commands (set_mode over MQTT, %d devices online, %d in flight, %d s measured after %d s warm-up)%n",
                devices, concurrency, seconds, warmup);
        System.out.printf("  accepted (201): %d in the window = %.0f commands/s%n", acceptedMeasured.sum(),
                acceptedMeasured.sum() / (double) seconds);
        System.out.printf("  received and answered by the responder: %d in the window = %.0f commands/s%n",
                answeredAtEnd.get() - answeredAtStart.get(), (answeredAtEnd.get() - answeredAtStart.get()) / (double) seconds);
        long[] sample;
        synchronized (dispatchToDevice) {
            sample = dispatchToDevice.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        if (sample.length > 0) {
            System.out.printf("  dispatch to reception by the responder, ms: p50 %d  p90 %d  p99 %d  max %d%n",
                    percentile(sample, 0.50), percentile(sample, 0.90), percentile(sample, 0.99),
                    sample[sample.length - 1]);
        }
        long answeredInWindow = answeredAtEnd.get() - answeredAtStart.get();
        if (servicePid > 0 && answeredInWindow > 0) {
            double cpuSeconds = (cpu[1] - cpu[0]) / 100.0;
            System.out.printf("  service CPU in the window: %.1f s = %.1f ms per command (%.2f cores)%n", cpuSeconds,
                    cpuSeconds * 1e3 / answeredInWindow, cpuSeconds / seconds);
        }
        System.out.printf("  failures: %s%n", failures.isEmpty() ? "none" : failures);
        System.out.printf("  accepted in all (warm-up included): %d%n", accepted.sum());
        System.out.printf("window %s %s%n", windowStart, windowStart.plusSeconds(seconds));
        client.close();
        responder.disconnect();
        vertx.close();
    }

    static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    /** utime + stime of a process, in clock ticks (1/100 s). */
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

    /** The catalog (water-heater's set_mode) and the devices, online, as the registry would publish them. */
    static List<String> register(URI base, String token, String tenant, int devices, String bootstrap, String prefix)
            throws Exception {
        Capabilities heater = new Capabilities(
                List.of(),
                List.of(
                        new CommandSpec("set_mode", null, List.of(new CommandParam("mode", "enum", true, null, null,
                                List.of("heat", "vacation", "off"), null, null, null))),
                        new CommandSpec("reset", null, List.of())));
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka(bootstrap))) {
            String topic = prefix + "device-lifecycle";
            producer.send(new ProducerRecord<>(topic, "water-heater", JSON.writeValueAsString(new CloudEvent<>(
                            CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), Sources.DEVICE_REGISTRY,
                            EventTypes.DEVICE_TYPE_UPDATED, Instant.now(), "water-heater", DeviceTypeUpdated.ALL_TENANTS,
                            CloudEvent.JSON,
                            new DeviceTypeUpdated("water-heater", "water-heater", null, heater, 1, Instant.now())))))
                    .get();
            for (int i = 0; i < devices; i++) {
                String id = String.format("wh-%05d", i);
                ids.add(id);
                producer.send(new ProducerRecord<>(topic, id, JSON.writeValueAsString(CloudEvent.of(
                        Sources.DEVICE_REGISTRY, EventTypes.DEVICE_REGISTERED, id, tenant,
                        new DeviceRegistered(id, "water-heater", null, null, null, null, false, List.of(), Map.of(),
                                Instant.now())))));
                producer.send(new ProducerRecord<>(topic, id, JSON.writeValueAsString(CloudEvent.of(
                        Sources.DEVICE_REGISTRY, EventTypes.DEVICE_PRESENCE_CHANGED, id, tenant,
                        new PresenceChanged(id, true, Instant.now(), Instant.now())))));
            }
            producer.flush();
        }
        // Applied when the last device's command history answers 200.
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String last = ids.get(ids.size() - 1);
        for (int i = 0; i < 600; i++) {
            var response = http.send(
                    java.net.http.HttpRequest.newBuilder(base.resolve("/api/v1/devices/" + last + "/commands"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                return ids;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service did not apply the devices within 60 s");
    }
}
