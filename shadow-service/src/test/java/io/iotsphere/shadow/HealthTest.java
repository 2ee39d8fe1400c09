package io.iotsphere.shadow;

import io.iotsphere.commons.health.KafkaReadinessCheck;
import io.iotsphere.testsupport.AbstractHealthTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
class HealthTest extends AbstractHealthTest {

    @Override
    protected List<String> readinessChecks() {
        return List.of("Redis connection health check", KafkaReadinessCheck.NAME);
    }
}
