package io.iotsphere.simulator;

import io.iotsphere.commons.health.KafkaReadinessCheck;
import io.iotsphere.simulator.messaging.MqttReadinessCheck;
import io.iotsphere.testsupport.AbstractHealthTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
class HealthTest extends AbstractHealthTest {

    @Override
    protected List<String> readinessChecks() {
        return List.of(KafkaReadinessCheck.NAME, MqttReadinessCheck.NAME);
    }
}
