package io.iotsphere.shadow;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The HTTP contract again, against the packaged application. */
@QuarkusIntegrationTest
class ShadowApiIT extends ShadowApiTest {}
