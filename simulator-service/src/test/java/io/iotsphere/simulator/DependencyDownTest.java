package io.iotsphere.simulator;

import io.iotsphere.testsupport.AbstractDependencyDownTest;
import io.iotsphere.testsupport.DependencyDown;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(DependencyDown.Kafka.class)
class DependencyDownTest extends AbstractDependencyDownTest {}
