package io.iotsphere.asset;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The HTTP contract of assets again, against the packaged application. */
@QuarkusIntegrationTest
class AssetApiIT extends AssetApiTest {}
