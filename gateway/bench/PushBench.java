import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * WebSocket push latency: N clients authenticate and follow one device each (plus one tenant-wide follower per 100
 * clients); readings are published on telemetry-readings as the telemetry service publishes accepted readings, each
 * stamped with its publish time; each client measures publish → receipt. Prints p50/p99 over all deliveries.
 *
 * <p>java -cp 'kafka libs/*' PushBench.java ws://localhost:8080/ws <token> <tenant> <clients> <bootstrap>
 */
public class PushBench {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String token = args[1];
        String tenant = args[2];
        int clients = Integer.parseInt(args[3]);
        String bootstrap = args[4];
        int devices = clients;
        int rounds = 20;

        HttpClient http = HttpClient.newHttpClient();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger ready = new AtomicInteger();
        List<WebSocket> sockets = new ArrayList<>();
        long connectStart = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            String device = "push-" + i;
            CountDownLatch subscribed = new CountDownLatch(1);
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(uri, new Listener(latencies, subscribed))
                    .get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true).get();
            socket.sendText("{\"type\":\"subscribe\",\"channel\":\"telemetry:" + device + "\"}", true).get();
            if (!subscribed.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("client " + i + " was not subscribed");
            }
            sockets.add(socket);
            ready.incrementAndGet();
        }
        System.out.printf(
                "push: %d clients connected, authenticated and subscribed in %.1f s%n",
                clients, (System.nanoTime() - connectStart) / 1e9);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrap,
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName(),
                "linger.ms", "0"))) {
            for (int round = 0; round < rounds; round++) {
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
                    producer.send(new ProducerRecord<>("telemetry-readings", device, event));
                }
                producer.flush();
                Thread.sleep(200);
            }
        }
        long expected = (long) rounds * devices;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (latencies.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                "push latency (published -> received), %d clients, %d of %d deliveries: p50 %d ms, p99 %d ms, max %d ms%n",
                clients, sorted.size(), expected, pct(sorted, 50), pct(sorted, 99), sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static final class Listener implements WebSocket.Listener {
        private final ConcurrentLinkedQueue<Long> latencies;
        private final CountDownLatch subscribed;
        private final StringBuilder buffer = new StringBuilder();

        Listener(ConcurrentLinkedQueue<Long> latencies, CountDownLatch subscribed) {
            this.latencies = latencies;
            this.subscribed = subscribed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String message = buffer.toString();
                buffer.setLength(0);
                if (message.contains("\"type\":\"subscribed\"")) {
                    subscribed.countDown();
                } else if (message.startsWith("{\"type\":\"event\"")) {
                    int at = message.indexOf("\"time\":\"") + 8;
                    Instant sent = Instant.parse(message.substring(at, message.indexOf('"', at)));
                    latencies.add(Duration.between(sent, Instant.now()).toMillis());
                }
            }
            socket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
