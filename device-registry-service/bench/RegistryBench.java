import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator of the registry benchmark (run by run.sh): bulk registrations, then token exchanges from several
 * concurrent clients. Prints throughput and latency percentiles.
 *
 * <p>java RegistryBench.java <base-url> <operator-token> <tenant> <batches> <batch-size> <exchanges> <concurrency>
 */
public class RegistryBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern SECRET = Pattern.compile("\"id\":\"(bench-[^\"]+)\".*?\"secret\":\"([^\"]+)\"", Pattern.DOTALL);

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String tenant = args[2];
        int batches = Integer.parseInt(args[3]);
        int batchSize = Integer.parseInt(args[4]);
        int exchanges = Integer.parseInt(args[5]);
        int concurrency = Integer.parseInt(args[6]);
        String run = Long.toString(System.currentTimeMillis(), 36);

        List<String[]> devices = new ArrayList<>();
        List<Long> batchMillis = new ArrayList<>();
        long start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            StringBuilder body = new StringBuilder("{\"devices\":[");
            for (int i = 0; i < batchSize; i++) {
                body.append(i == 0 ? "" : ",")
                        .append("{\"id\":\"bench-")
                        .append(run)
                        .append('-')
                        .append(b)
                        .append('-')
                        .append(i)
                        .append("\",\"type\":\"water-heater\",\"manufacturer\":\"AquaTherm\",\"simulated\":true}");
            }
            body.append("]}");
            long t0 = System.nanoTime();
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/devices/bulk"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofMinutes(5))
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            batchMillis.add((System.nanoTime() - t0) / 1_000_000);
            if (response.statusCode() != 201) {
                throw new IllegalStateException("bulk registration answered " + response.statusCode() + ": "
                        + response.body());
            }
            Matcher m = SECRET.matcher(response.body());
            while (m.find()) {
                devices.add(new String[] {m.group(1), m.group(2)});
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int registered = batches * batchSize;
        System.out.printf(
                "bulk registration: %d devices in %d requests of %d: %.1f s, %.0f devices/s, request p50 %d ms, p99 %d ms%n",
                registered, batches, batchSize, seconds, registered / seconds, pct(batchMillis, 50), pct(batchMillis, 99));

        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<Long>> results = new ArrayList<>();
        long exStart = System.nanoTime();
        for (int i = 0; i < exchanges; i++) {
            String[] device = devices.get(i % devices.size());
            results.add(pool.submit(() -> exchange(base, tenant, device[0], device[1])));
        }
        List<Long> latencies = new ArrayList<>();
        for (Future<Long> f : results) {
            latencies.add(f.get());
        }
        double exSeconds = (System.nanoTime() - exStart) / 1e9;
        pool.shutdown();
        System.out.printf(
                "token exchange: %d exchanges, %d concurrent clients: %.1f s, %.0f exchanges/s, p50 %d ms, p99 %d ms%n",
                exchanges, concurrency, exSeconds, exchanges / exSeconds, pct(latencies, 50), pct(latencies, 99));
    }

    static long exchange(String base, String tenant, String id, String secret) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/devices/" + id + "/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"tenant\":\"" + tenant + "\",\"secret\":\"" + secret + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token exchange answered " + response.statusCode() + ": " + response.body());
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
