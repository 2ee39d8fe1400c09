-- Command service: the commands of every tenant with their lifecycle, and the projection of the registry's catalog
-- and devices (from device-lifecycle events) that commands are validated against and dispatched by.

-- The platform-wide catalog of device types (io.iotsphere.device-type.updated.v1), newest version kept.
CREATE TABLE device_types (
    id           TEXT PRIMARY KEY,
    capabilities JSONB       NOT NULL,
    version      BIGINT      NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- Devices of every tenant as the registry announced them: type, decommissioning and presence.
CREATE TABLE devices (
    tenant              TEXT        NOT NULL,
    id                  TEXT        NOT NULL,
    device_type         TEXT        NOT NULL,
    decommissioned      BOOLEAN     NOT NULL DEFAULT FALSE,
    online              BOOLEAN     NOT NULL DEFAULT FALSE,
    presence_changed_at TIMESTAMPTZ,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, id)
);

CREATE TABLE commands (
    id              UUID PRIMARY KEY,
    -- Order of creation, per device the order of dispatch.
    seq             BIGSERIAL   NOT NULL UNIQUE,
    tenant          TEXT        NOT NULL,
    device_id       TEXT        NOT NULL,
    device_type     TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    params          JSONB       NOT NULL DEFAULT '{}',
    status          TEXT        NOT NULL CHECK (status IN
                        ('QUEUED', 'SENT', 'DELIVERED', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'EXPIRED', 'CANCELLED')),
    -- Attempts dispatched so far; at most 1 + max_retries.
    attempt         INT         NOT NULL DEFAULT 0,
    max_retries     INT         NOT NULL CHECK (max_retries >= 0),
    timeout_seconds INT         NOT NULL CHECK (timeout_seconds > 0),
    expires_at      TIMESTAMPTZ,
    -- When the attempt in flight (SENT or DELIVERED) times out.
    deadline        TIMESTAMPTZ,
    idempotency_key TEXT,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    delivered_at    TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    result          JSONB,
    error           TEXT,
    reason          TEXT,
    -- Water heater set_temperature: outcome of setting the shadow's desired setpoint (SYNCED, FAILED).
    shadow_sync     TEXT,
    version         BIGINT      NOT NULL DEFAULT 0
);

-- Same idempotency key in a tenant: the same command.
CREATE UNIQUE INDEX commands_idempotency ON commands (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- History of a device (newest first) and of a tenant, filtered by status and time.
CREATE INDEX commands_device_created ON commands (tenant, device_id, created_at DESC);
CREATE INDEX commands_tenant_created ON commands (tenant, created_at DESC);
-- What waits to be dispatched, per device in order.
CREATE INDEX commands_waiting ON commands (tenant, device_id, seq) WHERE status IN ('QUEUED', 'TIMED_OUT');
-- The sweeps: attempts in flight that time out, and undelivered commands that expire.
CREATE INDEX commands_deadline ON commands (deadline) WHERE status IN ('SENT', 'DELIVERED');
CREATE INDEX commands_expiry ON commands (expires_at) WHERE status IN ('QUEUED', 'SENT', 'TIMED_OUT');

-- Every transition of every command, with its time.
CREATE TABLE command_transitions (
    id          BIGSERIAL PRIMARY KEY,
    command_id  UUID        NOT NULL REFERENCES commands (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status   TEXT        NOT NULL,
    attempt     INT         NOT NULL,
    reason      TEXT,
    at          TIMESTAMPTZ NOT NULL
);

CREATE INDEX command_transitions_command ON command_transitions (command_id, id);
