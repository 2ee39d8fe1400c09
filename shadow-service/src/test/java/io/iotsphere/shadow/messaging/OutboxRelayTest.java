package io.iotsphere.shadow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iotsphere.shadow.config.RedisKeys;
import io.iotsphere.shadow.config.ShadowConfig;
import io.iotsphere.shadow.service.ShadowMetrics;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay against the real Redis, with its destination (the broker, outside the service) replaced by one the
 * test can take down: while it is down the entries stay in Redis; once it is back they are all delivered, in order,
 * and only then removed.
 */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    ShadowConfig config;

    @Inject
    ShadowMetrics metrics;

    @Inject
    Vertx vertx;

    @Test
    void keepsEntriesWhileTheBrokerIsDownAndDeliversThemInOrderAfterwards() {
        String name = "test-" + UUID.randomUUID();
        AtomicBoolean brokerUp = new AtomicBoolean(false);
        List<String> delivered = new CopyOnWriteArrayList<>();
        OutboxRelay relay = new OutboxRelay(redis, keys, config, metrics, vertx) {
            @Override
            protected String name() {
                return name;
            }

            @Override
            protected Uni<Void> deliver(List<StreamMessage<String, String, String>> entries) {
                if (!brokerUp.get()) {
                    return Uni.createFrom().failure(new IllegalStateException("broker unreachable"));
                }
                entries.forEach(e -> delivered.add(e.payload().get("n")));
                return Uni.createFrom().voidItem();
            }
        };
        String stream = keys.outbox(name);
        var streams = redis.stream(String.class);
        for (int i = 0; i < 50; i++) {
            streams.xadd(stream, Map.of("n", Integer.toString(i))).await().indefinitely();
        }
        relay.start();
        try {
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> streams.xlen(stream).await().indefinitely() == 50);
            assertThat(delivered).isEmpty();

            brokerUp.set(true);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> streams.xlen(stream).await().indefinitely() == 0);
            assertThat(delivered)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50)
                            .mapToObj(Integer::toString)
                            .toList());
        } finally {
            relay.stop();
        }
    }
}
