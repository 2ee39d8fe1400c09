-- Transactional outbox of io.iotsphere:outbox. A repeatable migration: add "db/outbox" to quarkus.flyway.locations.
-- Rows are written in the transaction of the change they announce and deleted once Kafka acknowledged them.
CREATE TABLE IF NOT EXISTS iotsphere_outbox (
    id         BIGSERIAL PRIMARY KEY,
    topic      TEXT        NOT NULL,
    event_key  TEXT,
    event_id   TEXT        NOT NULL,
    payload    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
