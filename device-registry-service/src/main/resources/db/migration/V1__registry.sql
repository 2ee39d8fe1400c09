-- Device registry: the catalog of device types, the devices of every tenant, their credentials.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE device_types (
    id           TEXT PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{0,62}$'),
    display_name TEXT        NOT NULL,
    description  TEXT,
    capabilities JSONB       NOT NULL,
    version      BIGINT      NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Identity is (tenant, id): the same id may exist in two tenants, and one tenant never learns of the other's.
CREATE TABLE devices (
    tenant              TEXT        NOT NULL,
    id                  TEXT        NOT NULL,
    device_type         TEXT        NOT NULL REFERENCES device_types (id),
    name                TEXT,
    manufacturer        TEXT,
    model               TEXT,
    serial_number       TEXT,
    tags                TEXT[]      NOT NULL DEFAULT '{}',
    attributes          JSONB       NOT NULL DEFAULT '{}',
    simulated           BOOLEAN     NOT NULL DEFAULT FALSE,
    status              TEXT        NOT NULL DEFAULT 'registered'
                                    CHECK (status IN ('registered', 'active', 'decommissioned')),
    online              BOOLEAN     NOT NULL DEFAULT FALSE,
    last_seen           TIMESTAMPTZ,
    presence_changed_at TIMESTAMPTZ,
    decommission_reason TEXT,
    decommissioned_at   TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    version             BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, id)
);

CREATE INDEX devices_tenant_type ON devices (tenant, device_type);
CREATE INDEX devices_tenant_status ON devices (tenant, status, online);
CREATE INDEX devices_tenant_manufacturer ON devices (tenant, manufacturer);
CREATE INDEX devices_tags ON devices USING gin (tags);
CREATE INDEX devices_text ON devices USING gin (
    lower(id || ' ' || coalesce(name, '') || ' ' || coalesce(serial_number, '') || ' ' || coalesce(model, ''))
    gin_trgm_ops);
-- The presence sweep looks for online devices that fell silent.
CREATE INDEX devices_online_last_seen ON devices (last_seen) WHERE online;

CREATE TABLE device_credentials (
    tenant      TEXT        NOT NULL,
    device_id   TEXT        NOT NULL,
    secret_hash TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    rotated_at  TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ,
    PRIMARY KEY (tenant, device_id),
    FOREIGN KEY (tenant, device_id) REFERENCES devices (tenant, id)
);

-- Failed token exchanges per (tenant, device id), known or not: repeated failures lock the pair out for a while.
CREATE TABLE credential_failures (
    tenant         TEXT        NOT NULL,
    device_id      TEXT        NOT NULL,
    failures       INT         NOT NULL,
    window_started TIMESTAMPTZ NOT NULL,
    locked_until   TIMESTAMPTZ,
    PRIMARY KEY (tenant, device_id)
);
