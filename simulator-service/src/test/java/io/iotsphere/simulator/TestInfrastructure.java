package io.iotsphere.simulator;

import io.iotsphere.testsupport.JwtTestResource;
import io.iotsphere.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** The local infrastructure every test of this service runs against (each run gets its own database/topics/keys). */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
public final class TestInfrastructure {

    private TestInfrastructure() {}
}
