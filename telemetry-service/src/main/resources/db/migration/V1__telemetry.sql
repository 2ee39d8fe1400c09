-- Telemetry storage. See the README of telemetry-service for the reasoning and the measurements behind this layout.

-- ---------------------------------------------------------------------------------------------------------------------
-- Projection of the registry's devices and device types (from device-lifecycle), so that a restart needs no replay.
-- ---------------------------------------------------------------------------------------------------------------------

-- Tenants get a small key: it is the high part of their devices' keys, and so the partition of their readings.
CREATE TABLE tenants (
    tenant                text PRIMARY KEY,
    tenant_key            integer NOT NULL UNIQUE GENERATED ALWAYS AS IDENTITY (MAXVALUE 8388607),
    raw_retention_days    integer CHECK (raw_retention_days > 0),
    rollup_retention_days integer CHECK (rollup_retention_days > 0),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- device_key = tenant_key << 40 | nextval(device_seq): unique, and in the key range of the tenant's partition.
CREATE SEQUENCE device_seq MAXVALUE 1099511627775;

CREATE TABLE devices (
    tenant         text NOT NULL REFERENCES tenants (tenant),
    device_id      text NOT NULL,
    device_key     bigint NOT NULL UNIQUE,
    device_type    text NOT NULL,
    manufacturer   text,
    decommissioned boolean NOT NULL DEFAULT false,
    -- time of the registry's change this row reflects: an older event never overwrites a newer one
    changed_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant, device_id)
);
CREATE INDEX devices_by_type ON devices (tenant, device_type);

CREATE TABLE device_types (
    type_id    text PRIMARY KEY,
    version    bigint NOT NULL,
    telemetry  jsonb NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Metric names (tank_temperature, sales.A1, ...) and the small number that stands for them in stored readings.
CREATE SEQUENCE metric_slot_seq AS smallint;
CREATE TABLE metrics (
    slot smallint PRIMARY KEY,
    name text NOT NULL UNIQUE
);

-- ---------------------------------------------------------------------------------------------------------------------
-- Raw readings: one row per reading (device, time) with its values as two parallel arrays (metric slots, values).
-- Partitioned by tenant (range of device_key), then by UTC day: retention drops a tenant's whole day partitions.
-- The primary key makes a re-delivered reading a no-op; BRIN on ts serves the rollup's scans of one hour.
-- ---------------------------------------------------------------------------------------------------------------------
CREATE TABLE telemetry (
    device_key bigint NOT NULL,
    ts         timestamptz NOT NULL,
    metrics    smallint[] NOT NULL,
    vals       double precision[] NOT NULL,
    PRIMARY KEY (device_key, ts)
) PARTITION BY RANGE (device_key);
CREATE INDEX telemetry_ts ON telemetry USING brin (ts) WITH (pages_per_range = 32);

-- Two readings of a device with the same timestamp are one reading: a second one adds the metrics the first lacked
-- (a device may report its sensors in separate messages) and never changes a stored value.
CREATE FUNCTION telemetry_merge(m1 smallint[], v1 double precision[], m2 smallint[], v2 double precision[],
                                OUT metrics smallint[], OUT vals double precision[])
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT array_agg(s ORDER BY s), array_agg(v ORDER BY s)
FROM (SELECT a.s, a.v FROM unnest(m1, v1) AS a(s, v)
      UNION ALL
      SELECT b.s, b.v FROM unnest(m2, v2) AS b(s, v) WHERE b.s <> ALL (m1)) AS u
$$;

-- ---------------------------------------------------------------------------------------------------------------------
-- Rollups: per (metric, device, hour|day) count, sum, min, max and the last value. Partitioned by month.
-- ---------------------------------------------------------------------------------------------------------------------
CREATE TABLE telemetry_hourly (
    slot       smallint NOT NULL,
    device_key bigint NOT NULL,
    bucket     timestamptz NOT NULL,
    n          bigint NOT NULL,
    total      double precision NOT NULL,
    lo         double precision NOT NULL,
    hi         double precision NOT NULL,
    last_ts    timestamptz NOT NULL,
    last       double precision NOT NULL,
    PRIMARY KEY (slot, device_key, bucket)
) PARTITION BY RANGE (bucket);

CREATE TABLE telemetry_daily (
    slot       smallint NOT NULL,
    device_key bigint NOT NULL,
    bucket     timestamptz NOT NULL,
    n          bigint NOT NULL,
    total      double precision NOT NULL,
    lo         double precision NOT NULL,
    hi         double precision NOT NULL,
    last_ts    timestamptz NOT NULL,
    last       double precision NOT NULL,
    PRIMARY KEY (slot, device_key, bucket)
) PARTITION BY RANGE (bucket);

-- The daily rollup and late readings read hours by device; the roll-up of a day reads one day of hours.
CREATE INDEX telemetry_hourly_by_device ON telemetry_hourly (device_key, bucket);
CREATE INDEX telemetry_hourly_bucket ON telemetry_hourly USING brin (bucket);

-- Where each rollup level stands. Readings before "boundary" are late: the store records their (device, bucket) in
-- rollup_late so that the job folds them in. Everything before "materialized" is in the rollup (queries read the
-- rollup before it and the finer level after it). materialized <= boundary.
CREATE TABLE rollup_state (
    level        text PRIMARY KEY CHECK (level IN ('hour', 'day')),
    boundary     timestamptz NOT NULL,
    materialized timestamptz NOT NULL
);
INSERT INTO rollup_state (level, boundary, materialized)
VALUES ('hour', date_trunc('hour', now(), 'UTC'), date_trunc('hour', now(), 'UTC')),
       ('day', date_trunc('day', now(), 'UTC'), date_trunc('day', now(), 'UTC'));

CREATE TABLE rollup_late_hours (
    device_key bigint NOT NULL,
    bucket     timestamptz NOT NULL,
    PRIMARY KEY (device_key, bucket)
);

CREATE TABLE rollup_late_days (
    device_key bigint NOT NULL,
    bucket     timestamptz NOT NULL,
    PRIMARY KEY (device_key, bucket)
);

-- ---------------------------------------------------------------------------------------------------------------------
-- Partition management. Creation is serialised by an advisory lock, so replicas never race on the same name.
-- ---------------------------------------------------------------------------------------------------------------------

-- The day partition of a tenant's readings (and the tenant's own partition first); true when it had to be created.
CREATE FUNCTION telemetry_ensure_day(p_tenant_key integer, p_day date) RETURNS boolean
    LANGUAGE plpgsql AS
$$
DECLARE
    parent text := 'telemetry_t' || p_tenant_key;
    leaf   text := parent || '_' || to_char(p_day, 'YYYYMMDD');
BEGIN
    IF to_regclass(leaf) IS NOT NULL THEN
        RETURN false;
    END IF;
    PERFORM pg_advisory_xact_lock(74657, p_tenant_key);
    IF to_regclass(parent) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF telemetry FOR VALUES FROM (%s) TO (%s) PARTITION BY RANGE (ts)',
                       parent, p_tenant_key::bigint << 40, (p_tenant_key::bigint + 1) << 40);
    END IF;
    IF to_regclass(leaf) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', leaf, parent,
                   p_day::timestamp AT TIME ZONE 'UTC', (p_day + 1)::timestamp AT TIME ZONE 'UTC');
    RETURN true;
END
$$;

-- The monthly partitions of both rollup tables for the month of p_day.
CREATE FUNCTION telemetry_ensure_rollup_month(p_day date) RETURNS boolean
    LANGUAGE plpgsql AS
$$
DECLARE
    first  date := date_trunc('month', p_day)::date;
    suffix text := to_char(first, 'YYYYMM');
    made   boolean := false;
    t      text;
BEGIN
    PERFORM pg_advisory_xact_lock(74657, 0);
    FOREACH t IN ARRAY ARRAY ['telemetry_hourly', 'telemetry_daily'] LOOP
        IF to_regclass(t || '_' || suffix) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', t || '_' || suffix, t,
                           first::timestamp AT TIME ZONE 'UTC', (first + interval '1 month')::timestamp AT TIME ZONE 'UTC');
            made := true;
        END IF;
    END LOOP;
    RETURN made;
END
$$;

-- Day partitions of a tenant entirely before p_before are dropped; returns their names.
CREATE FUNCTION telemetry_drop_days_before(p_tenant_key integer, p_before date) RETURNS SETOF text
    LANGUAGE plpgsql AS
$$
DECLARE
    child text;
BEGIN
    PERFORM set_config('lock_timeout', '5s', true);
    FOR child IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = to_regclass('telemetry_t' || p_tenant_key)
          AND c.relname ~ '_[0-9]{8}$'
          AND to_date(right(c.relname, 8), 'YYYYMMDD') < p_before
        ORDER BY c.relname
    LOOP
        EXECUTE format('DROP TABLE IF EXISTS %I', child);
        RETURN NEXT child;
    END LOOP;
END
$$;

-- Monthly rollup partitions entirely before p_before are dropped; returns their names.
CREATE FUNCTION telemetry_drop_rollup_months_before(p_before date) RETURNS SETOF text
    LANGUAGE plpgsql AS
$$
DECLARE
    child text;
BEGIN
    PERFORM set_config('lock_timeout', '5s', true);
    FOR child IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent IN ('telemetry_hourly'::regclass, 'telemetry_daily'::regclass)
          AND c.relname ~ '_[0-9]{6}$'
          AND (to_date(right(c.relname, 6), 'YYYYMM') + interval '1 month')::date <= p_before
        ORDER BY c.relname
    LOOP
        EXECUTE format('DROP TABLE IF EXISTS %I', child);
        RETURN NEXT child;
    END LOOP;
END
$$;
