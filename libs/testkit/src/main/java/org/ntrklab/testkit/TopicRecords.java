package org.ntrklab.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

/** Raw reads and writes on the shared broker, for tests that need to see or plant exact bytes. */
public final class TopicRecords {

    private TopicRecords() {
    }

    /** Creates the topics on the shared broker; topics that already exist are left as they are. */
    public static void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(SharedInfrastructure.get().adminClientProperties())) {
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** Writes raw bytes, e.g. a poison pill, and waits until the broker has them. */
    public static void sendRaw(String topic, byte[] key, byte[] value) {
        Properties p = new Properties();
        p.putAll(SharedInfrastructure.get().adminClientProperties());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic, e);
        }
    }

    /**
     * Reads committed records of {@code topic} from the beginning until {@code expected} have arrived or
     * {@code timeout} has passed, and returns what arrived (the caller asserts on the count).
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected, Duration timeout) {
        return readCommitted(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), expected, timeout,
                Duration.ZERO);
    }

    /**
     * Reads committed records from the beginning until {@code expected} have arrived or {@code timeout} has
     * passed, then keeps reading for {@code quiet} to catch any record beyond those expected.
     */
    public static <K, V> List<ConsumerRecord<K, V>> readCommitted(String topic, Deserializer<K> keys,
            Deserializer<V> values, int expected, Duration timeout, Duration quiet) {
        Properties p = new Properties();
        p.putAll(SharedInfrastructure.get().adminClientProperties());
        p.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(p, keys, values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long quietEnd = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < quietEnd) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
