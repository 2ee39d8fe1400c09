package io.iotsphere.registry;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same contract, against the packaged application. */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {}
