package io.iotsphere.asset;

import io.iotsphere.testsupport.AbstractDependencyDownTest;
import io.iotsphere.testsupport.DependencyDown;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(DependencyDown.Postgres.class)
class DependencyDownTest extends AbstractDependencyDownTest {}
