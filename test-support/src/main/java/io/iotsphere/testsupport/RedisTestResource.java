package io.iotsphere.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Points the service at the local Redis with a key prefix of its own ({@code iotsphere.redis.key-prefix}); the run's
 * keys are deleted at stop.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private String prefix;
    private String uri;

    @Override
    public Map<String, String> start() {
        LocalInfra.requireReachable("Redis", LocalInfra.redisHost(), LocalInfra.redisPort());
        uri = "redis://" + LocalInfra.redisHost() + ":" + LocalInfra.redisPort();
        prefix = LocalInfra.newRunId() + ":";
        return Map.of("quarkus.redis.hosts", uri, "iotsphere.redis.key-prefix", prefix);
    }

    @Override
    public void stop() {
        if (prefix == null) {
            return;
        }
        Vertx vertx = Vertx.vertx();
        try {
            RedisAPI api = RedisAPI.api(Redis.createClient(vertx, new RedisOptions().setConnectionString(uri)));
            String cursor = "0";
            do {
                Response page = api.scan(List.of(cursor, "MATCH", prefix + "*", "COUNT", "1000"))
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                cursor = page.get(0).toString();
                List<String> keys = new ArrayList<>();
                page.get(1).forEach(k -> keys.add(k.toString()));
                if (!keys.isEmpty()) {
                    api.del(keys).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                }
            } while (!"0".equals(cursor));
            api.close();
        } catch (Exception e) {
            System.getLogger(getClass().getName())
                    .log(System.Logger.Level.WARNING, "cannot delete test keys " + prefix + "*", e);
        } finally {
            vertx.close();
        }
    }
}
