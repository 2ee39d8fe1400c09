package io.iotsphere.telemetry;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** HTTP ingestion, validation, the published event and storage, against the packaged application. */
@QuarkusIntegrationTest
class TelemetryIT extends HttpIngestionTest {}
