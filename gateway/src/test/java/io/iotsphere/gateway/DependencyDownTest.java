package io.iotsphere.gateway;

import io.iotsphere.testsupport.AbstractDependencyDownTest;
import io.iotsphere.testsupport.DependencyDown;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(DependencyDown.Redis.class)
class DependencyDownTest extends AbstractDependencyDownTest {}
