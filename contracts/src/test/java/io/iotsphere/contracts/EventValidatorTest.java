package io.iotsphere.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.iotsphere.contracts.command.CommandDispatched;
import io.iotsphere.contracts.command.CommandResult;
import io.iotsphere.contracts.command.CommandStatus;
import io.iotsphere.contracts.command.CommandStatusChanged;
import io.iotsphere.contracts.device.Capabilities;
import io.iotsphere.contracts.device.CommandParam;
import io.iotsphere.contracts.device.CommandSpec;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceStatus;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.iotsphere.contracts.device.DeviceUpdated;
import io.iotsphere.contracts.device.PresenceChanged;
import io.iotsphere.contracts.device.TelemetryField;
import io.iotsphere.contracts.inventory.RestockNeeded;
import io.iotsphere.contracts.monitoring.ModelAlert;
import io.iotsphere.contracts.prediction.AnomalyDetected;
import io.iotsphere.contracts.prediction.MaintenanceRecommended;
import io.iotsphere.contracts.prediction.PredictionMade;
import io.iotsphere.contracts.shadow.ShadowUpdated;
import io.iotsphere.contracts.telemetry.Reading;
import io.iotsphere.contracts.telemetry.TelemetryRecorded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventValidatorTest {

    private static final EventValidator VALIDATOR = new EventValidator();
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant NOW = Instant.parse("2026-11-29T10:15:30Z");
    private static final String DEVICE = "wh-0001";

    /** One well-formed event of every type, as producers build them. */
    static Stream<CloudEvent<?>> sampleEvents() {
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("temperature", 55.0);
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.putObject("desired").put("temperature", 55.0);
        return Stream.of(
                event(
                        Sources.DEVICE_REGISTRY,
                        EventTypes.DEVICE_REGISTERED,
                        new DeviceRegistered(
                                DEVICE,
                                "water-heater",
                                "Basement heater",
                                "AquaTherm",
                                "AT-50",
                                "SN1",
                                false,
                                List.of("basement"),
                                Map.of("site", "hq"),
                                NOW)),
                event(
                        Sources.DEVICE_REGISTRY,
                        EventTypes.DEVICE_UPDATED,
                        new DeviceUpdated(
                                DEVICE,
                                "water-heater",
                                "Basement heater",
                                "AquaTherm",
                                "AT-50",
                                "SN1",
                                DeviceStatus.ACTIVE,
                                List.of(),
                                Map.of(),
                                NOW)),
                event(
                        Sources.DEVICE_REGISTRY,
                        EventTypes.DEVICE_DECOMMISSIONED,
                        new DeviceDecommissioned(DEVICE, "water-heater", "replaced", NOW)),
                event(
                        Sources.DEVICE_REGISTRY,
                        EventTypes.DEVICE_PRESENCE_CHANGED,
                        new PresenceChanged(DEVICE, false, NOW, NOW)),
                new CloudEvent<>(
                        CloudEvent.SPEC_VERSION,
                        "e-type-1",
                        Sources.DEVICE_REGISTRY,
                        EventTypes.DEVICE_TYPE_UPDATED,
                        NOW,
                        "water-heater",
                        DeviceTypeUpdated.ALL_TENANTS,
                        CloudEvent.JSON,
                        new DeviceTypeUpdated(
                                "water-heater",
                                "Water heater",
                                null,
                                new Capabilities(
                                        List.of(new TelemetryField(
                                                "tank_temperature", "number", "°C", 0.0, 110.0, false, null)),
                                        List.of(new CommandSpec(
                                                "set_mode",
                                                null,
                                                List.of(new CommandParam(
                                                        "mode",
                                                        "enum",
                                                        true,
                                                        null,
                                                        null,
                                                        List.of("heat", "vacation", "off"),
                                                        null,
                                                        null,
                                                        null))))),
                                1,
                                NOW)),
                event(
                        Sources.TELEMETRY,
                        EventTypes.TELEMETRY_RECORDED,
                        new TelemetryRecorded(
                                DEVICE,
                                "water-heater",
                                "AquaTherm",
                                List.of(new Reading(NOW, Map.of("tank_temperature", 52.5, "heating", 1.0))))),
                event(
                        Sources.SHADOW,
                        EventTypes.SHADOW_UPDATED,
                        new ShadowUpdated(DEVICE, null, 3, null, state, state.get("desired"), "tok-1", "alice")),
                event(
                        Sources.COMMAND,
                        EventTypes.COMMAND_DISPATCHED,
                        new CommandDispatched("c-1", DEVICE, "set_temperature", params, 1, 30, null, NOW)),
                event(
                        Sources.COMMAND,
                        EventTypes.COMMAND_ACKNOWLEDGED,
                        new CommandResult("c-1", DEVICE, null, null, NOW)),
                event(
                        Sources.COMMAND,
                        EventTypes.COMMAND_COMPLETED,
                        new CommandResult("c-1", DEVICE, params, null, NOW)),
                event(
                        Sources.COMMAND,
                        EventTypes.COMMAND_FAILED,
                        new CommandResult("c-1", DEVICE, null, "element fault", NOW)),
                event(
                        Sources.COMMAND,
                        EventTypes.COMMAND_STATUS_CHANGED,
                        new CommandStatusChanged(
                                "c-1", DEVICE, "reset", CommandStatus.SENT, CommandStatus.DELIVERED, 1, null, NOW)),
                event(
                        Sources.PREDICTION,
                        EventTypes.PREDICTION_MADE,
                        new PredictionMade("p-1", DEVICE, "lifespan", "lifespan-gbm", "1.0.0", 812.0, 0.8, null, NOW)),
                event(
                        Sources.PREDICTION,
                        EventTypes.ANOMALY_DETECTED,
                        new AnomalyDetected(
                                "a-1", DEVICE, "tank_temperature", 80.0, 55.0, 4.2, "high", "iforest", NOW)),
                event(
                        Sources.PREDICTION,
                        EventTypes.MAINTENANCE_RECOMMENDED,
                        new MaintenanceRecommended(
                                "r-1", DEVICE, "flush", "medium", "sediment", NOW, 120.0, 300.0, NOW)),
                event(
                        Sources.MODEL_MONITORING,
                        EventTypes.MODEL_ALERT_RAISED,
                        new ModelAlert("al-1", "lifespan-gbm", "1.0.0", "psi", "high", 0.31, 0.2, "drift", NOW)),
                event(
                        Sources.MODEL_MONITORING,
                        EventTypes.MODEL_ALERT_RESOLVED,
                        new ModelAlert("al-1", "lifespan-gbm", "1.0.0", "psi", "info", 0.1, 0.2, "back", NOW)),
                event(
                        Sources.ASSET,
                        EventTypes.INVENTORY_RESTOCK_NEEDED,
                        new RestockNeeded("vm-0001", "vm-0001", "A1", "cola-33cl", "Cola 33 cl", 2, 3, 10, NOW)));
    }

    private static CloudEvent<?> event(String source, String type, Object data) {
        return CloudEvent.of(source, type, DEVICE, "acme", data);
    }

    @Test
    void everyEventTypeHasASample() {
        assertThat(sampleEvents().map(CloudEvent::type)).containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
    }

    @ParameterizedTest
    @MethodSource("sampleEvents")
    void wellFormedEventsConform(CloudEvent<?> event) {
        assertThat(VALIDATOR.validate(event)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("sampleEvents")
    void eventsSurviveAJsonRoundTrip(CloudEvent<?> event) throws IOException {
        String json = MAPPER.writeValueAsString(event);
        assertThat(VALIDATOR.validate(json)).isEmpty();
        assertThat(MAPPER.readTree(json).get("time").asText())
                .isEqualTo(event.time().toString());
    }

    @Test
    void missingTenantIsReported() {
        ObjectNode event = tree(sampleEvents().findFirst().orElseThrow());
        event.remove("tenant");
        assertThat(VALIDATOR.validate(event)).containsExactly("/tenant: required property 'tenant' not found");
    }

    @Test
    void unknownTypeIsReported() {
        ObjectNode event = tree(sampleEvents().findFirst().orElseThrow());
        event.put("type", "io.iotsphere.device.exploded.v1");
        assertThat(VALIDATOR.validate(event))
                .containsExactly("/type: unknown event type 'io.iotsphere.device.exploded.v1'");
    }

    @Test
    void payloadViolationsNameTheField() {
        CloudEvent<?> telemetry = sampleEvents()
                .filter(e -> e.type().equals(EventTypes.TELEMETRY_RECORDED))
                .findFirst()
                .orElseThrow();
        ObjectNode event = tree(telemetry);
        ((ObjectNode) event.get("data")).put("deviceId", "no spaces allowed");
        ((ObjectNode) event.get("data")).remove("readings");
        List<String> problems = VALIDATOR.validate(event);
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("/data/deviceId: "))
                .anySatisfy(p -> assertThat(p).startsWith("/data/readings: "));
    }

    @Test
    void nonNumericTelemetryValueIsRejected() {
        ObjectNode event = tree(sampleEvents()
                .filter(e -> e.type().equals(EventTypes.TELEMETRY_RECORDED))
                .findFirst()
                .orElseThrow());
        ObjectNode values =
                (ObjectNode) event.get("data").get("readings").get(0).get("values");
        values.put("tank_temperature", "hot");
        assertThat(VALIDATOR.validate(event))
                .singleElement()
                .asString()
                .startsWith("/data/readings/0/values/tank_temperature: ");
    }

    @Test
    void badTimestampIsRejected() {
        ObjectNode event = tree(sampleEvents().findFirst().orElseThrow());
        event.put("time", "yesterday");
        assertThat(VALIDATOR.validate(event)).singleElement().asString().startsWith("/time: ");
    }

    @Test
    void textThatIsNotJsonIsReportedNotThrown() {
        assertThat(VALIDATOR.validate("{not json")).singleElement().asString().contains("not valid JSON");
    }

    @Test
    void localTopicListMatchesTheContract() throws IOException {
        Path topicsFile = Path.of("..", "infra", "kafka", "topics.txt");
        List<String> listed = Files.readAllLines(topicsFile).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+")[0])
                .toList();
        assertThat(listed).containsExactlyElementsOf(Topics.ALL);
    }

    private static ObjectNode tree(CloudEvent<?> event) {
        return MAPPER.valueToTree(event);
    }
}
