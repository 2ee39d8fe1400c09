-- Asset service: the location hierarchy, assets (water heaters and vending machines), maintenance records, relations
-- between assets, vending products, slots and their inventory ledger. Every table is keyed by tenant first, and every
-- reference carries the tenant, so that no row can point into another tenant's data.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Organizations, sites, buildings and rooms, one tree per organization.
CREATE TABLE locations (
    tenant     TEXT        NOT NULL,
    id         UUID        NOT NULL,
    kind       TEXT        NOT NULL CHECK (kind IN ('organization', 'site', 'building', 'room')),
    parent_id  UUID,
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    -- Ids from the root down to this location, itself included: the subtree of X is every location whose path holds X.
    path       UUID[]      NOT NULL,
    address    TEXT,
    city       TEXT,
    country    TEXT        CHECK (country ~ '^[A-Z]{2}$'),
    latitude   DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90),
    longitude  DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180),
    timezone   TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    version    BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, id),
    FOREIGN KEY (tenant, parent_id) REFERENCES locations (tenant, id),
    CHECK ((kind = 'organization') = (parent_id IS NULL)),
    CHECK (path[array_length(path, 1)] = id)
);

CREATE INDEX locations_parent ON locations (tenant, parent_id, name);
CREATE INDEX locations_path ON locations USING gin (path);

-- Identity is (tenant, id). Assets of devices the registry announced carry the device id as their id.
CREATE TABLE assets (
    tenant               TEXT         NOT NULL,
    id                   TEXT         NOT NULL,
    asset_type           TEXT         NOT NULL CHECK (asset_type IN ('water-heater', 'vending-machine')),
    -- true once the registry announced a device with this id (its name, manufacturer, model, serial number, tags and
    -- attributes are then the registry's, kept in step by device.updated)
    device_linked        BOOLEAN      NOT NULL DEFAULT FALSE,
    status               TEXT         NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'decommissioned')),
    name                 TEXT,
    manufacturer         TEXT,
    model                TEXT,
    serial_number        TEXT,
    tags                 TEXT[]       NOT NULL DEFAULT '{}',
    attributes           JSONB        NOT NULL DEFAULT '{}',
    location_id          UUID,
    placement            TEXT,
    install_date         DATE,
    warranty_end         DATE,
    -- the latest maintenance record's date, kept in the transaction that adds or removes a record
    last_maintenance     DATE,
    -- water heaters
    tank_capacity_litres NUMERIC(7, 1) CHECK (tank_capacity_litres > 0),
    fuel_type            TEXT,
    element_type         TEXT,
    power_kw             NUMERIC(8, 3) CHECK (power_kw > 0),
    efficiency_rating    NUMERIC(5, 3) CHECK (efficiency_rating > 0),
    -- vending machines
    location_type        TEXT,
    use_type             TEXT,
    maintenance_partner  TEXT,
    cash_capacity        NUMERIC(10, 2) CHECK (cash_capacity >= 0),
    -- envelope time of the last device-lifecycle event applied: older (replayed) events change nothing
    device_event_at      TIMESTAMPTZ,
    decommissioned_at    TIMESTAMPTZ,
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version              BIGINT       NOT NULL DEFAULT 0,
    -- what the text search (?q=) looks in
    search_text          TEXT GENERATED ALWAYS AS (lower(id || ' ' || coalesce(name, '') || ' '
                             || coalesce(manufacturer, '') || ' ' || coalesce(model, '') || ' '
                             || coalesce(serial_number, ''))) STORED,
    PRIMARY KEY (tenant, id),
    FOREIGN KEY (tenant, location_id) REFERENCES locations (tenant, id),
    CHECK (asset_type = 'water-heater' OR (tank_capacity_litres IS NULL AND fuel_type IS NULL
        AND element_type IS NULL AND power_kw IS NULL AND efficiency_rating IS NULL)),
    CHECK (asset_type = 'vending-machine' OR (location_type IS NULL AND use_type IS NULL
        AND maintenance_partner IS NULL AND cash_capacity IS NULL)),
    CHECK (warranty_end IS NULL OR install_date IS NULL OR warranty_end >= install_date)
);

-- Maintenance history, which the prediction service learns from.
CREATE TABLE maintenance_records (
    tenant       TEXT          NOT NULL,
    id           UUID          NOT NULL,
    asset_id     TEXT          NOT NULL,
    performed_on DATE          NOT NULL,
    kind         TEXT          NOT NULL CHECK (kind IN ('anode-replacement', 'flush', 'element-replacement',
                                                        'valve-replacement', 'inspection', 'repair', 'other')),
    cost         NUMERIC(12, 2) CHECK (cost >= 0),
    currency     TEXT          CHECK (currency ~ '^[A-Z]{3}$'),
    notes        TEXT,
    performed_by TEXT,
    recorded_by  TEXT          NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, id),
    FOREIGN KEY (tenant, asset_id) REFERENCES assets (tenant, id) ON DELETE CASCADE,
    CHECK ((cost IS NULL) = (currency IS NULL))
);

CREATE INDEX maintenance_asset ON maintenance_records (tenant, asset_id, performed_on DESC);
CREATE INDEX maintenance_date ON maintenance_records (tenant, performed_on DESC);

-- Directed relations: source contains / manages / feeds target.
CREATE TABLE asset_relations (
    tenant     TEXT        NOT NULL,
    source_id  TEXT        NOT NULL,
    kind       TEXT        NOT NULL CHECK (kind IN ('contains', 'manages', 'feeds')),
    target_id  TEXT        NOT NULL,
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, source_id, kind, target_id),
    FOREIGN KEY (tenant, source_id) REFERENCES assets (tenant, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, target_id) REFERENCES assets (tenant, id) ON DELETE CASCADE,
    CHECK (source_id <> target_id)
);

CREATE INDEX relations_target ON asset_relations (tenant, target_id, kind);
-- Physical containment: an asset is inside one container at most.
CREATE UNIQUE INDEX relations_one_container ON asset_relations (tenant, target_id) WHERE kind = 'contains';

CREATE TABLE products (
    tenant      TEXT        NOT NULL,
    id          TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    category    TEXT,
    description TEXT,
    unit_price  NUMERIC(10, 2) CHECK (unit_price >= 0),
    currency    TEXT        CHECK (currency ~ '^[A-Z]{3}$'),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    version     BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, id),
    CHECK ((unit_price IS NULL) = (currency IS NULL))
);

-- The slots of a vending machine and what is in them.
CREATE TABLE vending_slots (
    tenant            TEXT        NOT NULL,
    asset_id          TEXT        NOT NULL,
    slot              TEXT        NOT NULL CHECK (slot ~ '^[A-Za-z0-9_-]{1,32}$'),
    product_id        TEXT,
    capacity          INT         NOT NULL CHECK (capacity > 0),
    quantity          INT         NOT NULL CHECK (quantity >= 0),
    price             NUMERIC(10, 2) CHECK (price >= 0),
    currency          TEXT        CHECK (currency ~ '^[A-Z]{3}$'),
    restock_threshold INT         CHECK (restock_threshold > 0),
    -- a restock-needed event was published and the slot has not been back at or above the threshold since
    alert_open        BOOLEAN     NOT NULL DEFAULT FALSE,
    -- when the level was last known absolutely (a count reported by the machine, a fill, a correction): sales
    -- reported for earlier readings are already in it
    level_at          TIMESTAMPTZ NOT NULL,
    last_sale_at      TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    version           BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant, asset_id, slot),
    FOREIGN KEY (tenant, asset_id) REFERENCES assets (tenant, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant, product_id) REFERENCES products (tenant, id),
    CHECK (quantity <= capacity),
    CHECK (restock_threshold IS NULL OR restock_threshold <= capacity),
    CHECK ((price IS NULL) = (currency IS NULL))
);

CREATE INDEX slots_product ON vending_slots (tenant, product_id);
CREATE INDEX slots_alert ON vending_slots (tenant, asset_id) WHERE alert_open;

-- Every change of a slot's level, and every sale or count that could not change it, with the reason.
CREATE TABLE inventory_movements (
    tenant          TEXT        NOT NULL,
    id              UUID        NOT NULL,
    asset_id        TEXT        NOT NULL,
    slot            TEXT        NOT NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('sale', 'count', 'restock', 'correction')),
    -- sale: units sold; count: units the machine reported; restock: units added; correction: the level set
    units           INT         NOT NULL,
    quantity_before INT,
    quantity_after  INT,
    note            TEXT,
    event_id        TEXT,
    actor           TEXT        NOT NULL,
    at              TIMESTAMPTZ NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- the order lines were written in (ties of "at" within a reading)
    seq             BIGINT      GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (tenant, id)
);

CREATE INDEX movements_asset ON inventory_movements (tenant, asset_id, at DESC, seq DESC);

-- Telemetry events already applied to inventory (dedupe by CloudEvent id); old rows are removed after a retention
-- longer than the topic's.
CREATE TABLE inventory_applied_events (
    event_id   TEXT        PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX applied_events_age ON inventory_applied_events (applied_at);
