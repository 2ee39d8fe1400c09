package io.iotsphere.gateway;

import io.iotsphere.testsupport.JwtTestResource;
import io.iotsphere.testsupport.KafkaTestResource;
import io.iotsphere.testsupport.RedisTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** The local infrastructure every test of this service runs against (each run gets its own database/topics/keys). */
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(JwtTestResource.class)
@QuarkusTestResource(UpstreamStub.class)
public final class TestInfrastructure {

    private TestInfrastructure() {}
}
