package io.iotsphere.telemetry.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.iotsphere.commons.messaging.InvalidEventException;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.EventValidator;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import io.iotsphere.telemetry.service.StoreService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store reads {@code telemetry.reading.recorded} events without the JSON Schema: what the contract accepts it
 * reads, and what it relies on that the contract refuses it refuses too (the record is then dead-lettered).
 */
class StoreDecodingTest {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final EventValidator VALIDATOR = new EventValidator();

    StoreConsumer consumer;

    @BeforeEach
    void setUp() {
        consumer = new StoreConsumer();
        consumer.mapper = MAPPER;
        consumer.init();
    }

    static String event(String tenant, String type, String deviceId, List<Reading> readings) throws Exception {
        return MAPPER.writeValueAsString(CloudEvent.of(
                Sources.TELEMETRY,
                type,
                deviceId,
                tenant,
                new TelemetryRecorded(deviceId, "water-heater", "HydroMax", readings)));
    }

    @Test
    void readsAnEventOfTheContract() throws Exception {
        Instant ts = Instant.parse("2026-05-01T12:00:00.123456Z");
        String json = event(
                "acme",
                EventTypes.TELEMETRY_RECORDED,
                "wh-1",
                List.of(new Reading(ts, Map.of("tank_temperature", 61.5, "sales.A1", 2.0))));
        assertThat(VALIDATOR.validate(MAPPER.readTree(json))).isEmpty();

        StoreService.Event event = consumer.event(json);

        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.data().deviceId()).isEqualTo("wh-1");
        assertThat(event.data().readings())
                .containsExactly(new Reading(ts, Map.of("tank_temperature", 61.5, "sales.A1", 2.0)));
        assertThat(event.acceptedAt()).isNotNull();
    }

    @Test
    void refusesWhatTheStoreCannotUse() throws Exception {
        Instant ts = Instant.parse("2026-05-01T12:00:00Z");
        List<Reading> one = List.of(new Reading(ts, Map.of("tank_temperature", 61.5)));
        for (String json : List.of(
                "not json",
                "{}",
                event("acme", "io.iotsphere.device.registered.v1", "wh-1", one),
                event("*", EventTypes.TELEMETRY_RECORDED, "wh-1", one),
                event("Not A Tenant", EventTypes.TELEMETRY_RECORDED, "wh-1", one),
                event("acme", EventTypes.TELEMETRY_RECORDED, "wh 1", one),
                event("acme", EventTypes.TELEMETRY_RECORDED, "wh-1", List.of()),
                event("acme", EventTypes.TELEMETRY_RECORDED, "wh-1", List.of(new Reading(null, Map.of("a", 1.0)))),
                event("acme", EventTypes.TELEMETRY_RECORDED, "wh-1", List.of(new Reading(ts, Map.of()))),
                event("acme", EventTypes.TELEMETRY_RECORDED, "wh-1", List.of(new Reading(ts, Map.of("Tank", 1.0)))),
                event("acme", EventTypes.TELEMETRY_RECORDED, "wh-1", one).replace("61.5", "\"hot\""),
                event("acme", EventTypes.TELEMETRY_RECORDED, "wh-1", one).replace("61.5", "null"))) {
            assertThatThrownBy(() -> consumer.event(json)).as(json).isInstanceOf(InvalidEventException.class);
        }
    }
}
