package io.iotsphere.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * A real Kafka producer and a reader of whole topics, for tests: publish what another service would, and wait for
 * what the service under test publishes. Topic names are the platform's; the run's prefix is added here.
 */
public final class KafkaTestClient {

    private KafkaTestClient() {}

    /**
     * The content type the services' events carry (commons' EventCodec), which Kafka clients may act on: a
     * CloudEvent sent by a test carries it too, as in production.
     */
    public static final String CLOUD_EVENT_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /**
     * Publishes a record to the run's copy of the topic and waits for the broker's ack; a CloudEvent gets the
     * {@code content-type} header the services' own events have.
     */
    public static void send(String topic, String key, String value) {
        boolean cloudEvent = value != null && value.startsWith("{") && value.contains("\"specversion\"");
        send(topic, key, value, cloudEvent ? Map.of("content-type", CLOUD_EVENT_CONTENT_TYPE) : Map.of());
    }

    public static void send(String topic, String key, String value, Map<String, String> headers) {
        Properties props = KafkaTestResource.clientProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(TestTopics.name(topic), key, value);
            headers.forEach((name, v) -> record.headers().add(name, v.getBytes()));
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic + ": " + e, e);
        }
    }

    /** Every record of the run's copy of the topic, from its beginning, as of now. */
    public static List<ConsumerRecord<String, String>> records(String topic) {
        Properties props = KafkaTestResource.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            String name = TestTopics.name(topic);
            var partitions = consumer.partitionsFor(name, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(name, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    /** Waits until the topic holds a record matching the predicate, and returns the matches. */
    public static List<ConsumerRecord<String, String>> awaitRecords(
            String topic, Predicate<ConsumerRecord<String, String>> matching, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new CopyOnWriteArrayList<>();
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            found.clear();
            records(topic).stream().filter(matching).forEach(found::add);
            return !found.isEmpty();
        });
        return found;
    }

    /** The value of a header of a record, or null. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value());
    }

    /** Matches records whose JSON value contains the text (cheap filter for events by type and subject). */
    public static Predicate<ConsumerRecord<String, String>> containing(String... texts) {
        return r -> {
            for (String text : texts) {
                if (r.value() == null || !r.value().contains(text)) {
                    return false;
                }
            }
            return true;
        };
    }
}
