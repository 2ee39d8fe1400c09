package io.iotsphere.commons.health;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Kafka cluster: asks the brokers for the cluster's nodes, bounded by a timeout. Quarkus' own Kafka
 * check waits for the admin client's default API timeout (60 s) when the broker is away, longer than any probe waits;
 * this one answers DOWN within {@code iotsphere.health.kafka-timeout} (default 3 s) and never blocks an event loop.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements AsyncHealthCheck {

    public static final String NAME = "kafka";

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "iotsphere.health.kafka-timeout", defaultValue = "3s")
    Duration timeout;

    private volatile Admin admin;

    @Override
    public Uni<HealthCheckResponse> call() {
        int timeoutMs = (int) timeout.toMillis();
        return Uni.createFrom()
                .completionStage(() -> admin().describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                        .nodes()
                        .toCompletionStage())
                .map(nodes -> HealthCheckResponse.named(NAME)
                        .up()
                        .withData(
                                "nodes",
                                nodes.stream()
                                        .map(n -> n.host() + ":" + n.port())
                                        .collect(Collectors.joining(",")))
                        .build())
                .onFailure()
                .recoverWithItem(failure -> HealthCheckResponse.named(NAME)
                        .down()
                        .withData("reason", String.valueOf(failure.getMessage()))
                        .build());
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                current = admin;
                if (current == null) {
                    Map<String, Object> config = new HashMap<>();
                    kafkaConfig.forEach((key, value) -> {
                        if (AdminClientConfig.configNames().contains(key)) {
                            config.put(key, value);
                        }
                    });
                    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-check");
                    current = Admin.create(config);
                    admin = current;
                }
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        Admin current = admin;
        if (current != null) {
            current.close(Duration.ofSeconds(1));
        }
    }
}
