package io.iotsphere.asset;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Inventory from telemetry, restocks and alerts again, against the packaged application. */
@QuarkusIntegrationTest
class InventoryIT extends InventoryTest {}
