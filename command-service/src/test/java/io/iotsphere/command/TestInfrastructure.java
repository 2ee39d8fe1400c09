package io.iotsphere.command;

import io.iotsphere.testsupport.JwtTestResource;
import io.iotsphere.testsupport.KafkaTestResource;
import io.iotsphere.testsupport.MqttTestResource;
import io.iotsphere.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The local infrastructure every test of this service runs against (each run gets its own database/topics/keys). */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commands"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
@QuarkusTestResource(MqttTestResource.class)
@QuarkusTestResource(ShadowStub.class)
public final class TestInfrastructure {

    private TestInfrastructure() {}
}
