package org.ntrklab.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TopicRecords;

/** Writes and reads catalogue topics as the LIMS, the bench or a report consumer would, with registry serdes. */
final class TopicIo {

    private final EventSerdes serdes;

    TopicIo(EventSerdes serdes) {
        this.serdes = serdes;
    }

    /** Reads and writes through the test JVM's registry, registering schemas as the services' client. */
    static TopicIo onSharedInfrastructure() {
        SharedInfrastructure infra = SharedInfrastructure.get();
        return new TopicIo(new EventSerdes(RegistrySettings.of(infra.registryUrl(), infra.registryClientProperties())));
    }

    /** Sends the records in order and waits until the broker has all of them. */
    <V extends SpecificRecord> void send(TopicSpec<V> topic, List<Map.Entry<String, V>> records) {
        Properties p = new Properties();
        p.putAll(SharedInfrastructure.get().adminClientProperties());
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

    /** Committed records, read from the beginning (see {@link TopicRecords#readCommitted}). */
    <V extends SpecificRecord> List<ConsumerRecord<String, V>> read(TopicSpec<V> topic, int expected, Duration timeout,
            Duration quiet) {
        return TopicRecords.readCommitted(topic.name(), new StringDeserializer(), serdes.valueSerde(topic).deserializer(),
                expected, timeout, quiet);
    }
}
