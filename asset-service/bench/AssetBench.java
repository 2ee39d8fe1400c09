// Asset search benchmark (run by hand through run.sh; not a test). Single-file program on the asset-service classpath:
//   topics-create|topics-delete BOOTSTRAP PREFIX   the run's own copies of the topics the service uses
//   seed JDBC_URL USER TENANT ASSETS               a location hierarchy and ASSETS assets, generated in the database
//   run BASE_URL TOKEN JDBC_URL USER TENANT WARMUP ITERATIONS CONCURRENCY DURATION
//                                                  each query kind alone (p50/p99), then the mix in parallel
//   explain JDBC_URL USER TENANT                   EXPLAIN (ANALYZE, BUFFERS) of each kind's very SQL (AssetSearch.build)
//   drop-search-indexes JDBC_URL USER              drops the indexes V2__search_indexes.sql adds, for a comparison
//   index-usage JDBC_URL USER                      scans and size of each index of assets and locations so far
// The database password is read from the environment (BENCH_PG_PASSWORD), never from the command line.

import io.iotsphere.asset.repository.AssetSearch;
import io.iotsphere.contracts.Topics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

public class AssetBench {

    static final String[] HEATER_MAKERS = {
        "AquaTherm", "Rheem", "A. O. Smith", "Bradford White", "Rinnai", "Navien", "Bosch", "Stiebel Eltron",
        "Ariston", "Vaillant", "HydroMax", "EcoSmart"
    };
    static final String[] VENDING_MAKERS = {"Vendo", "Crane", "AMS", "Royal", "Seaga"};
    static final String[] MODEL_SIZES = {"S", "M", "L", "XL", "Pro", "Eco"};
    static final String[] PLACES = {
        "Kitchen", "Basement", "Gym", "Lobby", "Pool", "Laundry", "Boiler room", "Office", "Canteen", "Garage"
    };

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "topics-create" -> topics(args[1], args[2], true);
            case "topics-delete" -> topics(args[1], args[2], false);
            case "seed" -> seed(args[1], args[2], args[3], Integer.parseInt(args[4]));
            case "run" -> run(args);
            case "explain" -> explain(args[1], args[2], args[3]);
            case "drop-search-indexes" -> dropSearchIndexes(args[1], args[2]);
            case "index-usage" -> indexUsage(args[1], args[2]);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ------------------------------------------------------------------------------------------------------ topics

    static void topics(String bootstrap, String prefix, boolean create) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            if (create) {
                List<NewTopic> topics = new ArrayList<>();
                for (String t : List.of(Topics.DEVICE_LIFECYCLE, Topics.TELEMETRY_READINGS, Topics.ASSET_EVENTS)) {
                    topics.add(new NewTopic(prefix + t, 3, (short) 1));
                    topics.add(new NewTopic(prefix + Topics.dlq(t), 1, (short) 1));
                }
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            } else {
                List<String> mine = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                        .filter(t -> t.startsWith(prefix))
                        .toList();
                admin.deleteTopics(mine).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------- seed

    static Connection connect(String url, String user) throws Exception {
        return DriverManager.getConnection(url, user, System.getenv("BENCH_PG_PASSWORD"));
    }

    /**
     * 4 organizations × 25 sites × 4 buildings × 10 rooms (4,504 locations), then the assets, generated in the
     * database from hashes of their number (the same data every run): 3 in 4 water heaters; makers skewed (the first
     * ones far more common); installed 2005-2024 (3 % unknown); warranties of 5-12 years (10 % unknown); 1 in 20
     * without a location. Another tenant gets a tenth as many, so that every query has to scope by tenant.
     */
    static void seed(String url, String user, String tenant, int assets) throws Exception {
        long start = System.nanoTime();
        try (Connection c = connect(url, user)) {
            c.setAutoCommit(false);
            for (String t : List.of(tenant, "noise")) {
                int count = t.equals(tenant) ? assets : assets / 10;
                locations(c, t);
                generateAssets(c, t, count);
                c.commit();
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE locations");
                s.execute("VACUUM ANALYZE assets");
            }
        }
        System.out.printf(Locale.ROOT, "  seeded %,d assets of tenant %s (+%,d of another) in %.1f s%n", assets,
                tenant, assets / 10, (System.nanoTime() - start) / 1e9);
    }

    static void locations(Connection c, String tenant) throws Exception {
        String sql = "INSERT INTO locations (tenant, id, kind, parent_id, name, path, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, now(), now())";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int o = 1; o <= 4; o++) {
                UUID org = UUID.randomUUID();
                add(ps, tenant, org, "organization", null, "Org " + o, new UUID[] {org});
                for (int s = 1; s <= 25; s++) {
                    UUID site = UUID.randomUUID();
                    add(ps, tenant, site, "site", org, "Site " + o + "-" + s, new UUID[] {org, site});
                    for (int b = 1; b <= 4; b++) {
                        UUID building = UUID.randomUUID();
                        add(ps, tenant, building, "building", site, "Building " + b, new UUID[] {org, site, building});
                        for (int r = 1; r <= 10; r++) {
                            UUID room = UUID.randomUUID();
                            add(ps, tenant, room, "room", building, "Room " + b + "." + r,
                                    new UUID[] {org, site, building, room});
                        }
                    }
                }
                ps.executeBatch();
            }
        }
    }

    static void add(PreparedStatement ps, String tenant, UUID id, String kind, UUID parent, String name, UUID[] path)
            throws Exception {
        ps.setString(1, tenant);
        ps.setObject(2, id);
        ps.setString(3, kind);
        ps.setObject(4, parent);
        ps.setString(5, name);
        ps.setArray(6, ps.getConnection().createArrayOf("uuid", path));
        ps.addBatch();
    }

    static void generateAssets(Connection c, String tenant, int count) throws Exception {
        String sql = """
                WITH rooms AS (
                  SELECT array_agg(id ORDER BY path) AS ids, count(*)::int AS n
                  FROM locations WHERE tenant = ? AND kind = 'room'
                )
                INSERT INTO assets (tenant, id, asset_type, device_linked, name, manufacturer, model, serial_number,
                                    location_id, install_date, warranty_end, last_maintenance, tank_capacity_litres,
                                    fuel_type, power_kw, created_at, updated_at)
                SELECT ?, CASE WHEN heater THEN 'wh-' ELSE 'vm-' END || lpad(g::text, 7, '0'),
                       CASE WHEN heater THEN 'water-heater' ELSE 'vending-machine' END,
                       true,
                       (?::text[])[1 + h3 % 10] || CASE WHEN heater THEN ' heater ' ELSE ' vending ' END || g,
                       maker, maker || ' ' || (?::text[])[1 + h2 % 6],
                       upper(substr(md5(g::text), 1, 12)),
                       CASE WHEN g % 20 = 0 THEN NULL ELSE rooms.ids[1 + h4 % rooms.n] END,
                       installed,
                       CASE WHEN installed IS NULL OR h3 % 10 = 0 THEN NULL
                            ELSE (installed + make_interval(years => 5 + h3 % 8))::date END,
                       CASE WHEN installed IS NULL OR h4 % 3 = 0 THEN NULL
                            ELSE installed + h4 % greatest(1, date '2025-12-31' - installed) END,
                       CASE WHEN heater THEN 80 + h2 % 220 END,
                       CASE WHEN heater THEN (ARRAY['electric', 'natural-gas', 'heat-pump', 'propane'])[1 + h1 % 4] END,
                       CASE WHEN heater THEN 1.5 + (h2 % 100) / 10.0 END,
                       now(), now()
                FROM generate_series(1, ?) g
                CROSS JOIN rooms
                CROSS JOIN LATERAL (
                  SELECT abs(hashtext('a' || g)) AS h1, abs(hashtext('b' || g)) AS h2,
                         abs(hashtext('c' || g)) AS h3, abs(hashtext('d' || g)) AS h4, g % 4 <> 0 AS heater
                ) h
                CROSS JOIN LATERAL (
                  SELECT CASE WHEN heater
                              THEN (?::text[])[1 + floor(12 * power((h1 % 10000) / 10000.0, 2))::int]
                              ELSE (?::text[])[1 + h1 % 5] END AS maker,
                         CASE WHEN h2 % 33 = 0 THEN NULL ELSE date '2005-01-01' + h2 % 7300 END AS installed
                ) m
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.setString(2, tenant);
            ps.setArray(3, c.createArrayOf("text", PLACES));
            ps.setArray(4, c.createArrayOf("text", MODEL_SIZES));
            ps.setInt(5, count);
            ps.setArray(6, c.createArrayOf("text", HEATER_MAKERS));
            ps.setArray(7, c.createArrayOf("text", VENDING_MAKERS));
            ps.executeUpdate();
        }
    }

    // --------------------------------------------------------------------------------------------------------- run

    /** Parameters drawn from the seeded data, so that every request asks for something that exists. */
    record Pools(List<String> orgs, List<String> sites, List<String> serials) {
        static Pools load(String url, String user, String tenant) throws Exception {
            try (Connection c = connect(url, user)) {
                return new Pools(
                        strings(c, "SELECT id::text FROM locations WHERE tenant = ? AND kind = 'organization'", tenant),
                        strings(c, "SELECT id::text FROM locations WHERE tenant = ? AND kind = 'site'", tenant),
                        strings(c, "SELECT serial_number FROM assets WHERE tenant = ? ORDER BY id LIMIT 2000", tenant));
            }
        }
    }

    static List<String> strings(Connection c, String sql, String tenant) throws Exception {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /** A kind of query: its name, what it asks, and how to make one (the query string) from the pools. */
    record Kind(String name, String description, Function<Random, Map<String, String>> params) {}

    static List<Kind> kinds(Pools p) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("all", "first page, no filter", r -> Map.of()));
        kinds.add(new Kind("type", "vending machines", r -> Map.of("type", "vending-machine")));
        kinds.add(new Kind("manufacturer", "one maker (skewed: common and rare ones)",
                r -> Map.of("manufacturer", HEATER_MAKERS[r.nextInt(HEATER_MAKERS.length)].toLowerCase())));
        kinds.add(new Kind("maker+model", "one maker and model", r -> {
            String maker = HEATER_MAKERS[r.nextInt(HEATER_MAKERS.length)];
            return Map.of("manufacturer", maker, "model", maker + " " + MODEL_SIZES[r.nextInt(6)]);
        }));
        kinds.add(new Kind("site", "a site and its buildings and rooms (~1,000)",
                r -> Map.of("location", pick(r, p.sites()))));
        kinds.add(new Kind("org+type", "an organization's vending machines (~5,000 of 25,000)",
                r -> Map.of("location", pick(r, p.orgs()), "type", "vending-machine")));
        kinds.add(new Kind("installed", "installed within one year, by install date", r -> {
            LocalDate from = LocalDate.of(2005 + r.nextInt(19), 1 + r.nextInt(12), 1);
            return Map.of("installedFrom", from.toString(), "installedTo", from.plusYears(1).toString(),
                    "sort", "installDate");
        }));
        kinds.add(new Kind("warranty", "water heaters out of warranty, latest expiry first",
                r -> Map.of("type", "water-heater", "warranty", "expired", "sort", "-warrantyEnd")));
        kinds.add(new Kind("text-serial", "4 characters of a serial number", r -> {
            String serial = pick(r, p.serials());
            int at = r.nextInt(serial.length() - 4);
            return Map.of("q", serial.substring(at, at + 4).toLowerCase());
        }));
        kinds.add(new Kind("text-name", "a word of the names (10 % of assets)",
                r -> Map.of("q", PLACES[r.nextInt(PLACES.length)].toLowerCase())));
        kinds.add(new Kind("combined", "site + water heaters + warranty active, newest first",
                r -> Map.of("location", pick(r, p.sites()), "type", "water-heater", "warranty", "active",
                        "sort", "-installDate")));
        kinds.add(new Kind("sort-name", "first page by name", r -> Map.of("sort", "name")));
        kinds.add(new Kind("deep-page", "page 200 of 50 (offset 10,000)", r -> Map.of("page", "200")));
        kinds.add(new Kind("page-500", "500 per page, by last maintenance", r -> Map.of("size", "500",
                "sort", "-lastMaintenance")));
        return kinds;
    }

    static String pick(Random r, List<String> values) {
        return values.get(r.nextInt(values.size()));
    }

    static String query(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return q.toString();
    }

    static void run(String[] args) throws Exception {
        String base = args[1];
        String token = args[2];
        Pools pools = Pools.load(args[3], args[4], args[5]);
        int warmup = Integer.parseInt(args[6]);
        int iterations = Integer.parseInt(args[7]);
        int concurrency = Integer.parseInt(args[8]);
        int duration = Integer.parseInt(args[9]);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<Kind> kinds = kinds(pools);
        Random random = new Random(42);

        System.out.printf(Locale.ROOT, "  one client, %d requests per kind after %d to warm up (ms):%n", iterations,
                warmup);
        System.out.printf(Locale.ROOT, "  %-12s %8s %8s %8s %9s  %s%n", "kind", "p50", "p99", "max", "matches",
                "what");
        for (Kind kind : kinds) {
            for (int i = 0; i < warmup; i++) {
                call(http, base, token, kind.params().apply(random));
            }
            long[] latencies = new long[iterations];
            long matches = 0;
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                String body = call(http, base, token, kind.params().apply(random));
                latencies[i] = System.nanoTime() - start;
                matches += total(body);
            }
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "  %-12s %8.1f %8.1f %8.1f %9d  %s%n", kind.name(),
                    ms(percentile(latencies, 0.50)), ms(percentile(latencies, 0.99)),
                    ms(latencies[latencies.length - 1]), matches / iterations, kind.description());
        }

        System.out.printf(Locale.ROOT, "  the mix of all kinds, %d clients for %d s:%n", concurrency, duration);
        ConcurrentLinkedQueue<Long> all = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (int c = 0; c < concurrency; c++) {
            long seed = c;
            pool.submit(() -> {
                Random r = new Random(seed);
                while (System.nanoTime() < end) {
                    Kind kind = kinds.get(r.nextInt(kinds.size()));
                    long start = System.nanoTime();
                    try {
                        call(http, base, token, kind.params().apply(r));
                        all.add(System.nanoTime() - start);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration + 60, TimeUnit.SECONDS);
        long[] mix = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(mix);
        System.out.printf(Locale.ROOT, "  %,d requests, %.0f/s, p50 %.1f ms, p99 %.1f ms, %d errors%n", mix.length,
                mix.length / (double) duration, ms(percentile(mix, 0.50)), ms(percentile(mix, 0.99)), errors.get());
    }

    static String call(HttpClient http, String base, String token, Map<String, String> params) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/assets" + query(params)))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(query(params) + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    static long total(String body) {
        int at = body.lastIndexOf("\"total\":");
        int end = at + 8;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return Long.parseLong(body.substring(at + 8, end));
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    // ----------------------------------------------------------------------------------------------------- explain

    /** The plan of each kind's select and count, for the same parameters as the service would send. */
    static void explain(String url, String user, String tenant) throws Exception {
        Pools pools = Pools.load(url, user, tenant);
        Random random = new Random(7);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Connection c = connect(url, user)) {
            for (Kind kind : kinds(pools)) {
                Map<String, String> params = new LinkedHashMap<>(kind.params().apply(random));
                AssetSearch.Query q = AssetSearch.build(tenant, filter(params), AssetSearch.Sort.parse(params.get("sort")),
                        today, Integer.parseInt(params.getOrDefault("size", "50")),
                        Long.parseLong(params.getOrDefault("page", "0")) * Integer.parseInt(params.getOrDefault("size", "50")));
                System.out.println();
                System.out.println("  ---- " + kind.name() + ": GET /api/v1/assets" + query(params));
                System.out.println("  select:");
                plan(c, q.selectSql(), q.selectArgs());
                System.out.println("  count:");
                plan(c, q.countSql(), q.countArgs());
            }
        }
    }

    static AssetSearch.Filter filter(Map<String, String> p) {
        return new AssetSearch.Filter(
                p.get("type"),
                p.get("status"),
                p.get("manufacturer"),
                p.get("model"),
                p.containsKey("location") ? UUID.fromString(p.get("location")) : null,
                p.containsKey("installedFrom") ? LocalDate.parse(p.get("installedFrom")) : null,
                p.containsKey("installedTo") ? LocalDate.parse(p.get("installedTo")) : null,
                p.get("warranty"),
                p.get("q"));
    }

    static void plan(Connection c, String sql, List<Object> args) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("PREPARE bench_query AS " + sql);
            List<String> literals = new ArrayList<>();
            for (Object arg : args) {
                literals.add(arg instanceof Number ? arg.toString() : "'" + arg.toString().replace("'", "''") + "'");
            }
            String execute = "EXECUTE bench_query" + (literals.isEmpty() ? "" : "(" + String.join(", ", literals) + ")");
            try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + execute)) {
                while (rs.next()) {
                    System.out.println("    " + rs.getString(1));
                }
            } finally {
                s.execute("DEALLOCATE bench_query");
            }
        }
    }

    // -------------------------------------------------------------------------------------------------- comparison

    static void dropSearchIndexes(String url, String user) throws Exception {
        try (Connection c = connect(url, user);
                Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT indexname FROM pg_indexes WHERE tablename IN ('assets', 'locations')"
                            + " AND indexname LIKE '%search%'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            Collections.sort(names);
            for (String name : names) {
                s.execute("DROP INDEX " + name);
            }
            s.execute("ANALYZE assets");
            System.out.println("  dropped " + String.join(", ", names));
        }
    }

    /** How often each index of the searched tables was used since the database was created, and its size. */
    static void indexUsage(String url, String user) throws Exception {
        try (Connection c = connect(url, user);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT indexrelname, idx_scan, pg_size_pretty(pg_relation_size(indexrelid))"
                        + " FROM pg_stat_user_indexes WHERE relname IN ('assets', 'locations') ORDER BY indexrelname")) {
            System.out.printf(Locale.ROOT, "  %-26s %10s %8s%n", "index", "scans", "size");
            while (rs.next()) {
                System.out.printf(Locale.ROOT, "  %-26s %10d %8s%n", rs.getString(1), rs.getLong(2), rs.getString(3));
            }
        }
    }
}
