package io.iotsphere.shadow;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Kafka and MQTT again, against the packaged application. */
@QuarkusIntegrationTest
class ShadowMessagingIT extends ShadowMessagingTest {}
