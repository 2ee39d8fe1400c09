package io.iotsphere.shadow.messaging;

import io.iotsphere.commons.messaging.EventCodec;
import io.iotsphere.shadow.config.RedisKeys;
import io.iotsphere.shadow.config.ShadowConfig;
import io.iotsphere.shadow.repository.ShadowStore;
import io.iotsphere.shadow.service.ShadowMetrics;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Relays {@code shadow.updated} events from the Redis outbox to {@code shadow-changes} (acks=all, idempotent producer,
 * record key = device id), deleting them from the outbox only after the broker acknowledged them.
 */
@Singleton
public class KafkaOutboxRelay extends OutboxRelay {

    private final MutinyEmitter<String> emitter;

    public KafkaOutboxRelay(
            ReactiveRedisDataSource redis,
            RedisKeys keys,
            ShadowConfig config,
            ShadowMetrics metrics,
            Vertx vertx,
            @Channel("shadow-changes") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                    MutinyEmitter<String> emitter) {
        super(redis, keys, config, metrics, vertx);
        this.emitter = emitter;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    @Override
    protected String name() {
        return ShadowStore.KAFKA_OUTBOX;
    }

    @Override
    protected Uni<Void> deliver(List<StreamMessage<String, String, String>> entries) {
        List<Uni<Void>> sends = entries.stream()
                .map(entry -> emitter.sendMessage(Message.of(entry.payload().get("event"))
                        .addMetadata(EventCodec.metadata(entry.payload().get("key"), null))))
                .toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}
