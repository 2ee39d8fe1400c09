package io.iotsphere.telemetry;

import io.iotsphere.commons.health.KafkaReadinessCheck;
import io.iotsphere.telemetry.messaging.MqttReadinessCheck;
import io.iotsphere.testsupport.AbstractHealthTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
class HealthTest extends AbstractHealthTest {

    @Override
    protected List<String> readinessChecks() {
        return List.of(
                "Reactive PostgreSQL connections health check", KafkaReadinessCheck.NAME, MqttReadinessCheck.NAME);
    }
}
