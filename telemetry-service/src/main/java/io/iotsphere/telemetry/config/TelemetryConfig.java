package io.iotsphere.telemetry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the telemetry service ({@code telemetry.*}); each can be overridden by environment. */
@ConfigMapping(prefix = "telemetry")
public interface TelemetryConfig {

    /**
     * Manufacturer transformers by manufacturer name (matched without regard to case). A manufacturer without an entry
     * reports canonical field names in canonical units.
     */
    Map<String, Manufacturer> manufacturers();

    Ingest ingest();

    Mqtt mqtt();

    Store store();

    Rollup rollup();

    Retention retention();

    Query query();

    Cache cache();

    interface Manufacturer {
        /** Reported name → {@code <canonical field>[ <unit reported>]}, e.g. {@code tankTempF=tank_temperature degF}. */
        Map<String, String> fields();
    }

    interface Ingest {
        /** Readings in one payload (HTTP body, MQTT message, Kafka record); the event contract allows 1000. */
        @WithDefault("1000")
        int maxReadings();

        /** Values in one reading. */
        @WithDefault("256")
        int maxValues();

        /** How far ahead of the receiving clock a reading's timestamp may be. */
        @WithDefault("5m")
        Duration maxFutureSkew();

        /** Distinct keys a keyed field ({@code sales.A1}, ...) may have across the platform. */
        @WithDefault("256")
        int maxKeysPerField();

        /**
         * Size of an MQTT message beyond which it is rejected, its first bytes kept in the dead-letter topic (HTTP
         * bodies: quarkus.http.limits.max-body-size; Kafka records: the broker's limit).
         */
        @WithDefault("900000")
        int maxPayloadBytes();
    }

    interface Mqtt {
        @WithDefault("true")
        boolean enabled();

        /** Topic filter of device telemetry; the tenant and device id are its two single-level wildcards. */
        @WithDefault("iotsphere/+/devices/+/telemetry")
        String topic();

        /** Shared-subscription group: the replicas of the service split the messages between them. */
        @WithDefault("telemetry-service")
        String shareGroup();

        /** Connections per replica; each has the broker's in-flight window of unacknowledged QoS 1 messages. */
        @WithDefault("2")
        int connections();

        @WithDefault("1")
        int qos();

        /** Client id prefix; default: the host name. A connection number is appended. */
        Optional<String> clientId();

        Optional<String> username();

        Optional<String> password();

        /** Longest wait between reconnection attempts. */
        @WithDefault("10s")
        Duration maxReconnectDelay();
    }

    interface Store {
        /** Readings written by one INSERT statement (a Kafka batch may need several, in one transaction). */
        @WithDefault("5000")
        int maxRowsPerStatement();

        /** Longest wait between retries of a batch the database did not take (connection lost, ...). */
        @WithDefault("30s")
        Duration maxRetryDelay();
    }

    interface Rollup {
        /** How often closed hours and days are rolled up and late readings folded in. */
        @WithDefault("30s")
        Duration interval();

        /** An hour is rolled up this long after it ends; readings later than that are folded in afterwards. */
        @WithDefault("2m")
        Duration grace();

        /** Hours rolled up by one run at most (catching up after a stop takes several runs). */
        @WithDefault("48")
        int maxHoursPerRun();

        /** Late (device, hour) pairs folded in by one run at most. */
        @WithDefault("20000")
        int maxLatePerRun();
    }

    interface Retention {
        /** Days raw readings are kept, unless the tenant set its own. */
        @WithDefault("30")
        int rawDays();

        /** Days hourly and daily rollups are kept, unless the tenant set its own. */
        @WithDefault("730")
        int rollupDays();

        /** Bounds of what a tenant may set. */
        @WithDefault("366")
        int maxRawDays();

        @WithDefault("3660")
        int maxRollupDays();

        /** Daily partitions created ahead of time, per tenant. */
        @WithDefault("3")
        int daysAhead();

        /** How often partitions are created ahead and expired ones dropped. */
        @WithDefault("1h")
        Duration interval();
    }

    interface Query {
        /** Buckets one aggregated query may return. */
        @WithDefault("1000")
        int maxBuckets();

        /** Raw readings one query may return (paged with {@code limit}). */
        @WithDefault("10000")
        int maxPoints();

        @WithDefault("1000")
        int defaultPoints();

        /** Range of a query without {@code from}. */
        @WithDefault("24h")
        Duration defaultRange();
    }

    interface Cache {
        /** Devices kept in memory (the projection in PostgreSQL holds them all). */
        @WithDefault("200000")
        long devices();

        /** Safety net: a cached device is read again after this long even without a change notification. */
        @WithDefault("15m")
        Duration expiry();
    }
}
