package io.iotsphere.shadow;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Redis server of the test's own (redis-server from the redis-server package), configured like production (AOF),
 * on a free loopback port with its data in a temporary directory, so that a test can crash and restart it without
 * touching the shared Redis of other engineers. {@code appendfsync always} makes "acknowledged means on disk" exact;
 * production's {@code everysec} may lose the last second.
 */
public class ThrowawayRedis implements QuarkusTestResourceLifecycleManager {

    private static Path dir;
    private static int port;
    private static Process process;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("shadow-redis-");
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startServer();
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port, "iotsphere.redis.key-prefix", "restart:");
    }

    /** Starts (again) on the same port and data directory; returns once it accepts connections. */
    static synchronized void startServer() {
        try {
            process = new ProcessBuilder(List.of(
                            "redis-server",
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--dir",
                            dir.toString(),
                            "--appendonly",
                            "yes",
                            "--appendfsync",
                            "always",
                            "--save",
                            ""))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (is the redis-server package installed?)", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port + "; see " + dir.resolve("redis.log"));
    }

    /** Kills the server as a crash would (SIGKILL): no shutdown, no final save. */
    static synchronized void crash() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the server answering (SIGSTOP), as a hung host would: connections stay open, nothing comes back. */
    static synchronized void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a frozen server go on (SIGCONT): it then runs what it was sent meanwhile. */
    static synchronized void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private static void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.getLogger(ThrowawayRedis.class.getName())
                        .log(System.Logger.Level.WARNING, "cannot delete " + dir, e);
            }
        }
    }
}
