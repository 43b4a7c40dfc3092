package org.ntrklab.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.testkit.SharedInfrastructure;

/** Writes and reads catalogue topics as the LIMS, the bench or a report consumer would, with registry serdes. */
final class TopicIo {

    private final EventSerdes serdes;

    TopicIo(EventSerdes serdes) {
        this.serdes = serdes;
    }

    /** Sends the records in order and waits until the broker has all of them. */
    <V extends SpecificRecord> void send(TopicSpec<V> topic, List<Map.Entry<String, V>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, V> producer =
                new KafkaProducer<>(p, new StringSerializer(), serdes.valueSerde(topic).serializer())) {
            for (Map.Entry<String, V> r : records) {
                producer.send(new ProducerRecord<>(topic.name(), r.getKey(), r.getValue()));
            }
            producer.flush();
        }
    }

    /**
     * Reads committed records from the beginning until {@code expected} have arrived or the timeout has
     * passed, then keeps reading for {@code quiet} to catch any record beyond those expected.
     */
    <V extends SpecificRecord> List<ConsumerRecord<String, V>> read(TopicSpec<V> topic, int expected, Duration timeout,
            Duration quiet) {
        Properties p = new Properties();
        p.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "pipeline-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), serdes.valueSerde(topic).deserializer())) {
            consumer.subscribe(List.of(topic.name()));
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
