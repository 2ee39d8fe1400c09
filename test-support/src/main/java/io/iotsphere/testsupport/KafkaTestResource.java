package io.iotsphere.testsupport;

import io.iotsphere.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Gives the test run its own copy of every platform topic (and its dead-letter topic) on the local broker, named with
 * a run prefix that the service reads from {@code iotsphere.kafka.topic-prefix}; the topics are deleted at stop. Tests
 * find the run's topic names with {@link TestTopics}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** Partitions of each test topic: more than one, so that per-key ordering is really exercised. */
    public static final int PARTITIONS = 3;

    private String prefix;

    public static Properties clientProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfra.kafkaBootstrap());
        return props;
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = LocalInfra.kafkaBootstrap();
        String[] hostPort = bootstrap.split(",")[0].split(":");
        LocalInfra.requireReachable("Kafka", hostPort[0], Integer.parseInt(hostPort[1]));
        prefix = LocalInfra.newRunId() + ".";
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Topics.ALL) {
            topics.add(new NewTopic(prefix + name, PARTITIONS, (short) 1));
            topics.add(new NewTopic(prefix + Topics.dlq(name), 1, (short) 1));
        }
        try (Admin admin = Admin.create(clientProperties())) {
            List<String> stale = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(LocalInfra::isStale)
                    .toList();
            if (!stale.isEmpty()) {
                admin.deleteTopics(stale).all().get(30, TimeUnit.SECONDS);
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating test topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create test topics on Kafka at " + bootstrap + ": " + e, e);
        }
        return Map.of("kafka.bootstrap.servers", bootstrap, "iotsphere.kafka.topic-prefix", prefix);
    }

    @Override
    public void stop() {
        if (prefix == null) {
            return;
        }
        try (Admin admin = Admin.create(clientProperties())) {
            List<String> mine = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(prefix))
                    .toList();
            admin.deleteTopics(mine).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Left-over topics are removed by a later run once stale; a failing delete must not fail the tests.
            System.getLogger(getClass().getName())
                    .log(System.Logger.Level.WARNING, "cannot delete test topics " + prefix + "*", e);
        }
    }
}
