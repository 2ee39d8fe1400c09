package io.iotsphere.command;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.device.Capabilities;
import io.iotsphere.contracts.device.CommandParam;
import io.iotsphere.contracts.device.CommandSpec;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.iotsphere.contracts.device.PresenceChanged;
import io.iotsphere.testsupport.KafkaTestResource;
import io.iotsphere.testsupport.TestTokens;
import io.iotsphere.testsupport.TestTopics;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the tests need around the service: the registry's events (catalog, devices, presence) published on the run's
 * {@code device-lifecycle} topic as the registry would, and calls to the API as a role of a tenant.
 */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final KafkaProducer<String, String> PRODUCER = producer();

    static {
        // A request the service never answers fails its test instead of hanging the build.
        RestAssured.config = RestAssuredConfig.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", 10_000)
                        .setParam("http.socket.timeout", 30_000));
    }

    /** The test runs (topic prefixes) whose catalog is published and applied. */
    private static final Set<String> CATALOGUED = ConcurrentHashMap.newKeySet();

    private Fixtures() {}

    static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static RequestSpecification as(String tenant, String role) {
        return given().auth().oauth2(TestTokens.user(tenant, role)).contentType(ContentType.JSON);
    }

    static RequestSpecification asDevice(String tenant, String deviceId) {
        return given().auth().oauth2(TestTokens.device(tenant, deviceId)).contentType(ContentType.JSON);
    }

    static ValidatableResponse send(String tenant, String deviceId, Map<String, Object> command) {
        return as(tenant, "operator")
                .body(command)
                .when()
                .post("/api/v1/devices/" + deviceId + "/commands")
                .then();
    }

    /** Sends a command that must be accepted, and returns its id. */
    static String sendOk(String tenant, String deviceId, Map<String, Object> command) {
        return send(tenant, deviceId, command).statusCode(201).extract().path("id");
    }

    static ValidatableResponse get(String tenant, String deviceId, String commandId) {
        return as(tenant, "viewer")
                .get("/api/v1/devices/" + deviceId + "/commands/" + commandId)
                .then();
    }

    static String status(String tenant, String deviceId, String commandId) {
        return get(tenant, deviceId, commandId).statusCode(200).extract().path("status");
    }

    static void awaitStatus(String tenant, String deviceId, String commandId, String status) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(status(tenant, deviceId, commandId)));
    }

    /** The registry's seed catalog (water heater, vending machine), as device-type.updated events publish it. */
    static final class CapabilitiesCatalog {
        static final Capabilities WATER_HEATER = new Capabilities(
                List.of(),
                List.of(
                        new CommandSpec(
                                "set_temperature",
                                "Change the thermostat setpoint",
                                List.of(new CommandParam(
                                        "temperature", "number", true, 30.0, 80.0, null, null, "°C", null))),
                        new CommandSpec(
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
                                        null))),
                        new CommandSpec("reset", null, List.of())));
        static final Capabilities VENDING_MACHINE = new Capabilities(
                List.of(),
                List.of(
                        new CommandSpec(
                                "restock_ack",
                                null,
                                List.of(new CommandParam("slot", "string", false, null, null, null, 16, null, null))),
                        new CommandSpec(
                                "set_price",
                                null,
                                List.of(
                                        new CommandParam("slot", "string", true, null, null, null, 16, null, null),
                                        new CommandParam(
                                                "price", "number", true, 0.0, 100.0, null, null, null, null)))));
    }

    /**
     * Publishes the catalog once per test run and waits until the service applied it (a command to a probe device
     * stops being refused for an unknown type).
     */
    static void ensureCatalog() {
        String run = TestTopics.name("");
        if (CATALOGUED.contains(run)) {
            return;
        }
        publishType("water-heater", CapabilitiesCatalog.WATER_HEATER, 1);
        publishType("vending-machine", CapabilitiesCatalog.VENDING_MACHINE, 1);
        String tenant = "catalog-probe";
        register(tenant, "probe-wh", "water-heater");
        register(tenant, "probe-vm", "vending-machine");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> send(tenant, "probe-wh", Map.of("name", "reset"))
                                        .extract()
                                        .statusCode()
                                == 201
                        && send(tenant, "probe-vm", Map.of("name", "restock_ack"))
                                        .extract()
                                        .statusCode()
                                == 201);
        CATALOGUED.add(run);
    }

    static void publishType(String typeId, Capabilities capabilities, long version) {
        publish(
                typeId,
                new CloudEvent<>(
                        CloudEvent.SPEC_VERSION,
                        UUID.randomUUID().toString(),
                        Sources.DEVICE_REGISTRY,
                        EventTypes.DEVICE_TYPE_UPDATED,
                        Instant.now(),
                        typeId,
                        DeviceTypeUpdated.ALL_TENANTS,
                        CloudEvent.JSON,
                        new DeviceTypeUpdated(typeId, typeId, null, capabilities, version, Instant.now())));
    }

    static void register(String tenant, String deviceId, String type) {
        publish(
                deviceId,
                CloudEvent.of(
                        Sources.DEVICE_REGISTRY,
                        EventTypes.DEVICE_REGISTERED,
                        deviceId,
                        tenant,
                        new DeviceRegistered(
                                deviceId, type, null, null, null, null, false, List.of(), Map.of(), Instant.now())));
    }

    static void presence(String tenant, String deviceId, boolean online) {
        publish(
                deviceId,
                CloudEvent.of(
                        Sources.DEVICE_REGISTRY,
                        EventTypes.DEVICE_PRESENCE_CHANGED,
                        deviceId,
                        tenant,
                        new PresenceChanged(deviceId, online, Instant.now(), Instant.now())));
    }

    static void decommission(String tenant, String deviceId, String type) {
        publish(
                deviceId,
                CloudEvent.of(
                        Sources.DEVICE_REGISTRY,
                        EventTypes.DEVICE_DECOMMISSIONED,
                        deviceId,
                        tenant,
                        new DeviceDecommissioned(deviceId, type, "replaced", Instant.now())));
    }

    static void publish(String key, CloudEvent<?> event) {
        try {
            send(Topics.DEVICE_LIFECYCLE, key, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes to the run's copy of the topic and waits for the broker's ack (one producer for all the tests). */
    static void send(String topic, String key, String value) {
        try {
            PRODUCER.send(new ProducerRecord<>(TestTopics.name(topic), key, value))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic + ": " + e, e);
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = KafkaTestResource.clientProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props);
    }

    /**
     * A device of the tenant, known to the service (its registration applied), online or offline. The catalog is
     * there first.
     */
    static void device(String tenant, String deviceId, String type, boolean online) {
        ensureCatalog();
        register(tenant, deviceId, type);
        if (online) {
            presence(tenant, deviceId, true);
        }
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> as(tenant, "viewer")
                                .get("/api/v1/devices/" + deviceId + "/commands")
                                .statusCode()
                        == 200);
        if (online) {
            awaitOnline(tenant, deviceId);
        }
    }

    /** Waits until the service's projection has the device online (read from its database). */
    static void awaitOnline(String tenant, String deviceId) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Database.online(tenant, deviceId));
    }
}
