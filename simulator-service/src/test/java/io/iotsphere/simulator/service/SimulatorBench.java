package io.iotsphere.simulator.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import io.iotsphere.simulator.Fleet;
import io.iotsphere.simulator.Scenario;
import io.iotsphere.simulator.model.Connectivity;
import io.iotsphere.simulator.model.DeviceFactory;
import io.iotsphere.simulator.model.DeviceKind;
import io.iotsphere.simulator.model.Fault;
import io.iotsphere.simulator.model.FaultPlan;
import io.iotsphere.simulator.model.SimDevice;
import io.iotsphere.simulator.model.UsageProfile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark (run by hand with bench/run.sh, not a test). Live: N devices at a 10 s interval on the service's own timer
 * wheels ({@link FleetRuntime}), publishing QoS 1 to the real broker; prints the readings/s achieved, the process CPU
 * it took and so devices per core. Backfill: 30 simulated days of M devices at a 10 min interval, stepped, serialised
 * and written to a throw-away Kafka topic; prints readings/s.
 */
public final class SimulatorBench {

    private SimulatorBench() {}

    public static void main(String[] args) throws Exception {
        int devices = Integer.getInteger("bench.devices", 20000);
        int seconds = Integer.getInteger("bench.seconds", 60);
        int backfillDevices = Integer.getInteger("bench.backfill-devices", 200);
        String mqttHost = System.getProperty("bench.mqtt-host", "localhost");
        int mqttPort = Integer.getInteger("bench.mqtt-port", 1883);
        String kafka = System.getProperty("bench.kafka", "localhost:9092");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        say(
                "machine: %d cores, %s %s, Java %s, load average %.2f",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                os.getSystemLoadAverage());
        say("memory: %s", Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " "));
        live(devices, seconds, mqttHost, mqttPort, os);
        backfill(backfillDevices, kafka, os);
        System.exit(0);
    }

    private static void live(int n, int seconds, String host, int port, OperatingSystemMXBean os) throws Exception {
        Vertx vertx = Vertx.vertx();
        int wheels = Runtime.getRuntime().availableProcessors();
        List<MqttClient> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            MqttClient c = MqttClient.create(
                    vertx,
                    new MqttClientOptions()
                            .setClientId("bench-" + i + "-"
                                    + UUID.randomUUID().toString().substring(0, 6))
                            .setMaxInflightQueue(10_000));
            c.connect(port, host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            clients.add(c);
        }
        String tenant = "bench-" + System.currentTimeMillis();
        Instant start = Instant.now();
        Scenario scenario = new Scenario("bench", 1L, "10s", 1.0, start, "mqtt", List.of(), Map.of(), null, null, true);
        List<Fleet.Device> metas = new ArrayList<>();
        List<DeviceRuntime> runtimes = new ArrayList<>();
        Map<Fault, Double> rates = Map.of(Fault.SEDIMENT, 0.2, Fault.ANODE_DEPLETION, 0.1);
        for (int i = 0; i < n; i++) {
            boolean heater = i % 6 != 5;
            DeviceKind kind = heater ? DeviceKind.WATER_HEATER : DeviceKind.VENDING_MACHINE;
            String manufacturer = heater ? (i % 2 == 0 ? "AquaTherm" : "HydroMax") : "FrostVend";
            Fleet.Device meta = new Fleet.Device(i, "bench-" + i, kind.typeId(), manufacturer, "household", "x");
            metas.add(meta);
            SimDevice d = DeviceFactory.create(
                    1,
                    i,
                    meta.id(),
                    kind,
                    manufacturer,
                    UsageProfile.HOUSEHOLD,
                    FaultPlan.draw(1, i, kind, rates, start),
                    start);
            runtimes.add(new DeviceRuntime(
                    meta,
                    d,
                    new Connectivity(1, i, 0, Duration.ofMinutes(10), start),
                    FleetRuntime.wheelOf(i, wheels)));
        }
        Fleet fleet = new Fleet("bench", tenant, scenario, Fleet.Status.RUNNING, null, start, start, start, metas);
        AtomicLong failed = new AtomicLong();
        FleetRuntime.Outlet outlet = new FleetRuntime.Outlet() {
            @Override
            public Future<Void> publish(String topic, int wheel, String payload) {
                return clients.get(wheel % clients.size())
                        .publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                        .<Void>mapEmpty()
                        .onFailure(e -> failed.incrementAndGet());
            }

            @Override
            public Future<Void> sendTelemetry(FleetRuntime f, DeviceRuntime d, String payload) {
                throw new UnsupportedOperationException("MQTT only");
            }

            @Override
            public void renewToken(FleetRuntime f, DeviceRuntime d) {}
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FleetRuntime runtime = new FleetRuntime(
                fleet,
                runtimes,
                wheels,
                Duration.ofMillis(100),
                60,
                vertx,
                outlet,
                new ObjectMapper(),
                new SimulatorMetrics(meters));
        say(
                "live: %d devices (5/6 water heaters, 1/6 vending machines) at a 10 s interval on %d wheels, %d s measured,"
                        + " MQTT QoS 1 to %s:%d",
                n, wheels, seconds, host, port);
        runtime.start(start);
        // The first interval brings each device's first report (and its state); measure after it.
        Thread.sleep(12_000);
        long readings0 = runtime.readingsSent();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long readings = runtime.readingsSent() - readings0;
        double wall = (System.nanoTime() - t0) / 1e9;
        double cores = (os.getProcessCpuTime() - cpu0) / 1e9 / wall;
        runtime.stop();
        say(
                "live: %.0f readings/s published and acknowledged (expected %.0f), %d publish failures",
                readings / wall, n / 10.0, failed.get());
        say(
                "live: process CPU %.2f cores (model, JSON, MQTT client), system load %.2f",
                cores, os.getSystemLoadAverage());
        var tick = meters.find("iotsphere_simulator_tick_duration").timer();
        say(
                "live: one slot of one wheel: mean %.2f ms, max %.2f ms",
                tick.mean(TimeUnit.MILLISECONDS), tick.max(TimeUnit.MILLISECONDS));
        say("live: => %.0f devices per core at a 10 s interval (%d devices / %.2f cores)", n / cores, n, cores);
        vertx.close();
    }

    private static void backfill(int n, String kafka, OperatingSystemMXBean os) throws Exception {
        String topic = "bench-" + System.currentTimeMillis() + ".telemetry-raw";
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        props.put("acks", "all");
        props.put("linger.ms", "20");
        props.put("compression.type", "lz4");
        props.put("max.request.size", "4194304");
        ObjectMapper mapper = new ObjectMapper();
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = from.plus(Duration.ofDays(30));
        Duration interval = Duration.ofMinutes(10);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        say(
                "backfill: %d water heaters, 30 simulated days at a 10 min interval, 500 readings a record, to %s",
                n, topic);
        AtomicLong written = new AtomicLong();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            int threads = Runtime.getRuntime().availableProcessors();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int part = t;
                Thread w = new Thread(() -> {
                    for (int i = part; i < n; i += threads) {
                        produce(producer, mapper, topic, i, from, to, interval, written);
                    }
                });
                w.start();
                workers.add(w);
            }
            for (Thread w : workers) {
                w.join();
            }
            producer.flush();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cores = (os.getProcessCpuTime() - cpu0) / 1e9 / wall;
        say(
                "backfill: %d readings acknowledged by Kafka in %.1f s = %.0f readings/s (process CPU %.2f cores)",
                written.get(), wall, written.get() / wall, cores);
        try (Admin admin = Admin.create(props)) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(
            KafkaProducer<String, String> producer,
            ObjectMapper mapper,
            String topic,
            int i,
            Instant from,
            Instant to,
            Duration interval,
            AtomicLong written) {
        SimDevice d = DeviceFactory.create(
                2, i, "bf-" + i, DeviceKind.WATER_HEATER, "HydroMax", UsageProfile.HOUSEHOLD, Map.of(), from);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (Instant ts = from.plus(interval); !ts.isAfter(to); ts = ts.plus(interval)) {
            d.advanceTo(ts);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ts", ts.toString());
            r.put("values", d.model().shape().render(d.reading()));
            batch.add(r);
            if (batch.size() == 500 || ts.plus(interval).isAfter(to)) {
                int size = batch.size();
                try {
                    ProducerRecord<String, String> record =
                            new ProducerRecord<>(topic, d.id(), mapper.writeValueAsString(Map.of("readings", batch)));
                    record.headers().add("tenant", "bench".getBytes());
                    producer.send(record, (m, e) -> {
                        if (e == null) {
                            written.addAndGet(size);
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                batch = new ArrayList<>();
            }
        }
    }

    @SuppressWarnings("java:S106") // a benchmark prints its figures
    private static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
    }
}
