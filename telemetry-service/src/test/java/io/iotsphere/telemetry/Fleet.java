package io.iotsphere.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.iotsphere.contracts.CloudEvent;
import io.iotsphere.contracts.EventTypes;
import io.iotsphere.contracts.EventValidator;
import io.iotsphere.contracts.Sources;
import io.iotsphere.contracts.Topics;
import io.iotsphere.contracts.device.Capabilities;
import io.iotsphere.contracts.device.DeviceDecommissioned;
import io.iotsphere.contracts.device.DeviceRegistered;
import io.iotsphere.contracts.device.DeviceStatus;
import io.iotsphere.contracts.device.DeviceTypeUpdated;
import io.iotsphere.contracts.device.DeviceUpdated;
import io.iotsphere.contracts.device.TelemetryField;
import io.iotsphere.testsupport.KafkaTestResource;
import io.iotsphere.testsupport.TestTokens;
import io.iotsphere.testsupport.TestTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the device registry for the tests: publishes the catalog and devices on the run's {@code device-lifecycle}
 * (validated against the contract first), and reads what the service publishes. Each test works in tenants of its
 * own ({@link #newTenant()}), so tests are independent of each other and of their order.
 */
public final class Fleet {

    public static final String WATER_HEATER = "water-heater";
    public static final String VENDING_MACHINE = "vending-machine";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final EventValidator VALIDATOR = new EventValidator();
    private static KafkaProducer<String, byte[]> producer;
    /** The run topic prefix the catalog was published under (test resources may restart with a new one). */
    private static String catalogPublishedUnder;

    private Fleet() {}

    public static String newTenant() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static String newDevice(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The two device types of the platform's catalog, as the registry seeds them (once per set of run topics). */
    public static synchronized void catalog() {
        String prefix = TestTopics.name("");
        if (prefix.equals(catalogPublishedUnder)) {
            return;
        }
        publishType(WATER_HEATER, 1, waterHeaterFields());
        publishType(VENDING_MACHINE, 1, vendingMachineFields());
        catalogPublishedUnder = prefix;
    }

    static List<TelemetryField> waterHeaterFields() {
        return List.of(
                number("tank_temperature", "°C", 0, 110),
                number("setpoint", "°C", 30, 80),
                number("inlet_temperature", "°C", 0, 40),
                number("outlet_temperature", "°C", 0, 110),
                number("ambient_temperature", "°C", -20, 50),
                number("element_power", "W", 0, 12000),
                number("flow_rate", "L/min", 0, 60),
                number("pressure", "kPa", 0, 1200),
                new TelemetryField("heating", "boolean", null, null, null, false, "burner or element on"),
                number("energy_used", "kWh", 0, 1e9));
    }

    static List<TelemetryField> vendingMachineFields() {
        return List.of(
                new TelemetryField("sales", "integer", "count", 0.0, 1000.0, true, "units sold since the last report"),
                new TelemetryField("inventory", "integer", "count", 0.0, 1000.0, true, "units in the slot"),
                number("cabinet_temperature", "°C", -10, 30),
                new TelemetryField("door_open", "boolean", null, null, null, false, null),
                new TelemetryField("compressor_on", "boolean", null, null, null, false, null));
    }

    static TelemetryField number(String name, String unit, double min, double max) {
        return new TelemetryField(name, "number", unit, min, max, false, null);
    }

    public static void publishType(String typeId, long version, List<TelemetryField> fields) {
        publish(
                typeId,
                CloudEvent.of(
                        Sources.DEVICE_REGISTRY,
                        EventTypes.DEVICE_TYPE_UPDATED,
                        typeId,
                        DeviceTypeUpdated.ALL_TENANTS,
                        new DeviceTypeUpdated(
                                typeId, typeId, null, new Capabilities(fields, List.of()), version, Instant.now())));
    }

    public static void register(String tenant, String deviceId, String type, String manufacturer) {
        publish(
                deviceId,
                CloudEvent.of(
                        Sources.DEVICE_REGISTRY,
                        EventTypes.DEVICE_REGISTERED,
                        deviceId,
                        tenant,
                        new DeviceRegistered(
                                deviceId,
                                type,
                                deviceId,
                                manufacturer,
                                "M1",
                                "SN-" + deviceId,
                                true,
                                List.of(),
                                Map.of(),
                                Instant.now())));
    }

    public static void update(String tenant, String deviceId, String type, String manufacturer, DeviceStatus status) {
        publish(
                deviceId,
                CloudEvent.of(
                        Sources.DEVICE_REGISTRY,
                        EventTypes.DEVICE_UPDATED,
                        deviceId,
                        tenant,
                        new DeviceUpdated(
                                deviceId,
                                type,
                                deviceId,
                                manufacturer,
                                "M1",
                                "SN-" + deviceId,
                                status,
                                List.of(),
                                Map.of(),
                                Instant.now())));
    }

    public static void decommission(String tenant, String deviceId, String type) {
        publish(
                deviceId,
                CloudEvent.of(
                        Sources.DEVICE_REGISTRY,
                        EventTypes.DEVICE_DECOMMISSIONED,
                        deviceId,
                        tenant,
                        new DeviceDecommissioned(deviceId, type, "replaced", Instant.now())));
    }

    /** Registers a device and waits until the service knows it (its latest values answer). */
    public static String registered(String tenant, String type, String manufacturer) {
        catalog();
        String deviceId = newDevice(type.substring(0, 2));
        register(tenant, deviceId, type, manufacturer);
        awaitKnown(tenant, deviceId);
        return deviceId;
    }

    public static void awaitKnown(String tenant, String deviceId) {
        String token = TestTokens.user(tenant, "viewer");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    var response = given().auth().oauth2(token).get("/api/v1/devices/{id}/telemetry/latest", deviceId);
                    assertThat(response.statusCode())
                            .as("latest values of %s: %s", deviceId, response.asString())
                            .isEqualTo(200);
                });
    }

    /** Publishes an event of the registry; it must conform to its contract, as the registry's own tests require. */
    public static void publish(String key, CloudEvent<?> event) {
        List<String> problems = VALIDATOR.validate(event);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the test's own event does not conform: " + problems);
        }
        try {
            send(Topics.DEVICE_LIFECYCLE, key, MAPPER.writeValueAsBytes(event), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a record to one of the run's topics and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TestTopics.name(topic), key, value);
        headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e, e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = KafkaTestResource.clientProperties();
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    /** A record read back from a topic, with its headers as text. */
    public record Received(String key, String value, Map<String, String> headers) {}

    /** Reads the run's topic from its beginning until a record matches; fails after 30 s. */
    public static Received awaitRecord(String topic, Predicate<Received> wanted) {
        Properties props = KafkaTestResource.clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            String name = TestTopics.name(topic);
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(name, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(name, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Received[] found = new Received[1];
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                            Map<String, String> headers = new HashMap<>();
                            for (Header h : r.headers()) {
                                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                            }
                            Received received = new Received(
                                    r.key(),
                                    r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8),
                                    headers);
                            if (wanted.test(received)) {
                                found[0] = received;
                                return true;
                            }
                        }
                        return false;
                    });
            return found[0];
        }
    }
}
