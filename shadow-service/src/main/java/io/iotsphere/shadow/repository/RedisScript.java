package io.iotsphere.shadow.repository;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run atomically by Redis. Runs by its SHA-1 ({@code EVALSHA}); when Redis does not know it (first use,
 * or after a restart or failover emptied the script cache) it is sent whole once ({@code EVAL}), which caches it again.
 */
public final class RedisScript {

    private final String source;
    private final String sha;

    private RedisScript(String source) {
        this.source = source;
        try {
            this.sha = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /** Loads a script from the class path. */
    public static RedisScript load(String resource) {
        try (InputStream in = RedisScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Lua script missing from the class path: " + resource);
            }
            return new RedisScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
        return redis.execute("EVALSHA", command(sha, keys, args))
                .onFailure(RedisScript::isNoScript)
                .recoverWithUni(() -> redis.execute("EVAL", command(source, keys, args)));
    }

    private static String[] command(String script, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(2 + keys.size() + args.size());
        command.add(script);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return command.toArray(String[]::new);
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }
}
