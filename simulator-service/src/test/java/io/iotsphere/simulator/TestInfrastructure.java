package io.iotsphere.simulator;

import io.iotsphere.testsupport.JwtTestResource;
import io.iotsphere.testsupport.KafkaTestResource;
import io.iotsphere.testsupport.MqttTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The local infrastructure every test of this service runs against (each run gets its own topics; MQTT tests use
 * tenants of their own), and the registry's and telemetry's HTTP APIs stubbed at the boundary.
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
@QuarkusTestResource(MqttTestResource.class)
@QuarkusTestResource(RegistryStub.class)
public final class TestInfrastructure {

    private TestInfrastructure() {}
}
