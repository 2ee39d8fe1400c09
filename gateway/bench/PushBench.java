import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * WebSocket push latency and completeness. N clients authenticate and follow one device each, F more follow the whole
 * tenant; readings are published on telemetry-readings as the telemetry service publishes accepted readings, each
 * stamped with its publish time; every client measures publish → receipt and counts what it got. Prints p50/p99/max,
 * deliveries expected and received (device followers and tenant followers apart), the close codes the gateway sent,
 * connection failures and the bench's own CPU.
 *
 * <pre>
 * java -cp 'libs/*' PushBench.java topics-create <bootstrap> <prefix> <topic,topic,...>
 * java -cp 'libs/*' PushBench.java topics-delete <bootstrap> <prefix>
 * java -cp 'libs/*' PushBench.java push <ws-uri> <token> <tenant> <clients> <followers> <bootstrap> <topic> [rounds] [warmup-rounds]
 * </pre>
 */
public class PushBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "topics-create" -> topicsCreate(args[1], args[2], args[3].split(","));
            case "topics-delete" -> topicsDelete(args[1], args[2]);
            case "push" -> push(args);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    static void topicsCreate(String bootstrap, String prefix, String[] topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(Arrays.stream(topics)
                            .map(t -> new NewTopic(prefix + t, 3, (short) 1))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    static void topicsDelete(String bootstrap, String prefix) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Set<String> mine = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(prefix))
                    .collect(Collectors.toSet());
            if (!mine.isEmpty()) {
                admin.deleteTopics(mine).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    static void push(String[] args) throws Exception {
        URI uri = URI.create(args[1]);
        String token = args[2];
        String tenant = args[3];
        int devices = Integer.parseInt(args[4]);
        int followers = Integer.parseInt(args[5]);
        String bootstrap = args[6];
        String topic = args[7];
        int rounds = args.length > 8 ? Integer.parseInt(args[8]) : 20;
        int warmup = args.length > 9 ? Integer.parseInt(args[9]) : 3;
        long cpuStart = cpuNanos();

        // Clients connect 32 at a time (the gateway verifies each token); each is subscribed before publishing starts.
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            clients.add(new Client("telemetry:push-" + i, rounds + warmup, warmup));
        }
        for (int i = 0; i < followers; i++) {
            clients.add(new Client("telemetry", (long) (rounds + warmup) * devices, (long) warmup * devices));
        }
        AtomicInteger connectFailures = new AtomicInteger();
        Map<String, AtomicInteger> connectErrors = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(32);
        CountDownLatch connected = new CountDownLatch(clients.size());
        long connectStart = System.nanoTime();
        for (Client client : clients) {
            inFlight.acquire();
            http.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, client)
                    .thenCompose(socket -> {
                        client.socket = socket;
                        return socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true);
                    })
                    .thenCompose(socket ->
                            socket.sendText("{\"type\":\"subscribe\",\"channel\":\"" + client.channel + "\"}", true))
                    .thenCompose(socket -> client.subscribed.orTimeout(10, TimeUnit.SECONDS))
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            connectFailures.incrementAndGet();
                            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                            connectErrors
                                    .computeIfAbsent(cause.getClass().getSimpleName(), k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        inFlight.release();
                        connected.countDown();
                    });
        }
        connected.await();
        System.out.printf(
                "push: %d device followers + %d tenant followers connected, authenticated and subscribed in %.1f s"
                        + " (%d failed%s)%n",
                devices,
                followers,
                (System.nanoTime() - connectStart) / 1e9,
                connectFailures.get(),
                connectErrors.isEmpty() ? "" : ": " + connectErrors);

        long publishStart = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrap,
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName(),
                "linger.ms", "0"))) {
            for (int round = 0; round < warmup + rounds; round++) {
                for (int d = 0; d < devices; d++) {
                    String device = "push-" + d;
                    String now = Instant.now().toString();
                    String event = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                            + "\",\"source\":\"/iotsphere/telemetry-service\","
                            + "\"type\":\"io.iotsphere.telemetry.reading.recorded.v1\",\"time\":\"" + now
                            + "\",\"subject\":\"" + device + "\",\"tenant\":\"" + tenant
                            + "\",\"datacontenttype\":\"application/json\",\"data\":{\"deviceId\":\"" + device
                            + "\",\"deviceType\":\"water-heater\",\"readings\":[{\"ts\":\"" + now
                            + "\",\"values\":{\"tank_temperature\":50.0}}]}}";
                    producer.send(new ProducerRecord<>(topic, device, event));
                }
                producer.flush();
                Thread.sleep(200);
            }
        }
        double publishSeconds = (System.nanoTime() - publishStart) / 1e9;

        // Wait until everything arrived, or nothing more arrived for 10 s.
        long expectedDevices = (long) (rounds + warmup) * devices;
        long expectedFollowers = (long) (rounds + warmup) * devices * followers;
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long now = received(clients);
            if (now >= expectedDevices + expectedFollowers) {
                break;
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(10)) {
                break;
            }
            Thread.sleep(50);
        }

        Map<Integer, Integer> closes = new TreeMap<>();
        int errors = 0;
        for (Client client : clients) {
            if (client.closeCode >= 0) {
                closes.merge(client.closeCode, 1, Integer::sum);
            }
            if (client.error != null) {
                errors++;
            }
        }
        long cpu = cpuNanos() - cpuStart;
        report("device followers", clients.subList(0, devices), expectedDevices);
        if (followers > 0) {
            report("tenant followers", clients.subList(devices, clients.size()), expectedFollowers);
        }
        System.out.printf(
                "push: published %d readings in %.1f s (%d/s); closes by the gateway: %s; socket errors: %d;"
                        + " bench CPU %.1f s%n",
                (long) (rounds + warmup) * devices,
                publishSeconds,
                Math.round((rounds + warmup) * devices / publishSeconds),
                closes.isEmpty() ? "none" : closes,
                errors,
                cpu / 1e9);
        for (Client client : clients) {
            if (client.socket != null && client.closeCode < 0) {
                client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
        }
        Thread.sleep(500);
        System.exit(0);
    }

    static long received(List<Client> clients) {
        long sum = 0;
        for (Client c : clients) {
            sum += c.received.get();
        }
        return sum;
    }

    static void report(String label, List<Client> clients, long expected) {
        int count = 0;
        for (Client c : clients) {
            count += c.measured;
        }
        long[] all = new long[count];
        int at = 0;
        long received = 0;
        for (Client c : clients) {
            System.arraycopy(c.latencies, 0, all, at, c.measured);
            at += c.measured;
            received += c.received.get();
        }
        Arrays.sort(all);
        System.out.printf(
                "push %s (%d clients): %d of %d delivered (%d lost); latency published -> received over %d"
                        + " deliveries after warm-up: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                label,
                clients.size(),
                received,
                expected,
                expected - received,
                all.length,
                pct(all, 50),
                pct(all, 90),
                pct(all, 99),
                all.length == 0 ? -1 : all[all.length - 1]);
    }

    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** One client: counts what it receives, keeps the latencies after warm-up, remembers how it was closed. */
    static final class Client implements WebSocket.Listener {
        final String channel;
        final long warmup;
        final long[] latencies;
        final AtomicLong received = new AtomicLong();
        final CompletableFuture<WebSocket> subscribed = new CompletableFuture<>();
        final StringBuilder buffer = new StringBuilder();
        volatile WebSocket socket;
        volatile int closeCode = -1;
        volatile Throwable error;
        int measured;

        Client(String channel, long expected, long warmup) {
            this.channel = channel;
            this.warmup = warmup;
            this.latencies = new long[(int) Math.max(0, expected - warmup)];
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            CharSequence message = data;
            if (!last || buffer.length() > 0) {
                buffer.append(data);
                if (!last) {
                    return null;
                }
                message = buffer.toString();
                buffer.setLength(0);
            }
            String text = message.toString();
            if (text.startsWith("{\"type\":\"event\"")) {
                long now = System.currentTimeMillis();
                int at = text.indexOf("\"time\":\"") + 8;
                Instant sent = Instant.parse(text.substring(at, text.indexOf('"', at)));
                long n = received.incrementAndGet();
                if (n > warmup && measured < latencies.length) {
                    latencies[measured++] = now - sent.toEpochMilli();
                }
            } else if (text.contains("\"type\":\"subscribed\"")) {
                subscribed.complete(socket);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closeCode = statusCode;
            subscribed.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable failure) {
            error = failure;
            subscribed.completeExceptionally(failure);
        }
    }
}
