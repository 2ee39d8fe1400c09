package io.iotsphere.telemetry;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same contract, against the packaged application. */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {}
