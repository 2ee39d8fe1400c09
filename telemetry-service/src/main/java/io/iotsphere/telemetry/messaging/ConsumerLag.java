package io.iotsphere.telemetry.messaging;

import io.iotsphere.telemetry.service.TelemetryMetrics;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag of the service's Kafka channels ({@code iotsphere_telemetry_consumer_lag_records}), from the lag each
 * consumer knows from its last fetch: no request to the broker.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final List<String> CHANNELS = List.of("store", "raw", "lifecycle");

    @Inject
    KafkaClientService kafka;

    @Inject
    TelemetryMetrics metrics;

    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measure() {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String channel : CHANNELS) {
            chain = chain.chain(() -> lag(channel))
                    .onFailure()
                    .recoverWithNull()
                    .replaceWithVoid();
        }
        return chain;
    }

    private Uni<Void> lag(String channel) {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel);
        if (consumer == null) {
            return Uni.createFrom().voidItem();
        }
        return consumer.runOnPollingThread(c -> {
                    long lag = 0;
                    for (TopicPartition partition : c.assignment()) {
                        lag += c.currentLag(partition).orElse(0);
                    }
                    return lag;
                })
                .invoke(lag -> metrics.consumerLag(channel, lag))
                .replaceWithVoid();
    }
}
