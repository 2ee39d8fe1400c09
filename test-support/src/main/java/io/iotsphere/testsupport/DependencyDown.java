package io.iotsphere.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test profiles that start the service with one dependency pointing at a port where nothing listens, without the
 * global test resources, to prove that readiness really asks that dependency. The other dependencies stay reachable
 * (Kafka with a topic prefix of no real topic, so nothing of a running platform is touched), so that the unreachable
 * one is the only reason readiness is DOWN.
 */
public final class DependencyDown {

    /** Where nothing listens: port 1 on loopback refuses connections at once. */
    static final String NOWHERE = "127.0.0.1:1";

    /** Config key through which a profile tells the test which readiness checks must be DOWN (comma-separated). */
    static final String EXPECTED_DOWN = "iotsphere.test.expected-down-checks";

    private DependencyDown() {}

    private static Map<String, String> reachableKafka() {
        return Map.of(
                "kafka.bootstrap.servers",
                LocalInfra.kafkaBootstrap(),
                "iotsphere.kafka.topic-prefix",
                "down-" + LocalInfra.newRunId() + ".");
    }

    private abstract static class Base implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        /** Token verification keys are not a dependency under test: they stay as in every other test. */
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(JwtTestResource.class));
        }
    }

    /**
     * PostgreSQL unreachable; Flyway does not run at start (it would fail the boot, which is not what is tested).
     */
    public static class Postgres extends Base {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = NOWHERE + "/nowhere";
            Map<String, String> config = new HashMap<>(reachableKafka());
            config.putAll(Map.of(
                    "quarkus.datasource.reactive.url",
                    "postgresql://" + url,
                    "quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://" + url,
                    "quarkus.datasource.username",
                    "nobody",
                    "quarkus.datasource.password",
                    "nothing",
                    "quarkus.flyway.migrate-at-start",
                    "false",
                    EXPECTED_DOWN,
                    "Database connections health check,Reactive PostgreSQL connections health check"));
            return config;
        }
    }

    /** Redis unreachable. */
    public static class Redis extends Base {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(reachableKafka());
            config.put("quarkus.redis.hosts", "redis://" + NOWHERE);
            config.put(EXPECTED_DOWN, "Redis connection health check");
            return config;
        }
    }

    /** Kafka unreachable. */
    public static class Kafka extends Base {
        @Override
        public Map<String, String> getConfigOverrides() {
            // "kafka" is the name of io.iotsphere.commons.health.KafkaReadinessCheck.
            return Map.of("kafka.bootstrap.servers", NOWHERE, EXPECTED_DOWN, "kafka");
        }
    }
}
