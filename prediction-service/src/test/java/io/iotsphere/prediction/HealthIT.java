package io.iotsphere.prediction;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same contract, against the packaged application. */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {}
