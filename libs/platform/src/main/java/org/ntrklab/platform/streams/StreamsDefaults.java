package org.ntrklab.platform.streams;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams settings every service starts from: exactly-once v2, dead-lettering of unreadable and
 * unprocessable records, string keys. Services add only what is theirs.
 */
public final class StreamsDefaults {

    private StreamsDefaults() {
    }

    /**
     * @param applicationId the service's Streams application id (its consumer group and state prefix)
     * @param bootstrapServers Kafka bootstrap servers
     * @param stateDir local state directory
     * @param replicationFactor of the internal changelog and repartition topics, -1 for the broker's default
     * @param clientOverrides further client settings (security, tuning), applied last
     */
    public static Map<String, Object> properties(String applicationId, String bootstrapServers, Path stateDir,
            int replicationFactor, Map<String, ?> clientOverrides) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class.getName());
        // Lab events are small and arrive in bursts from the LIMS; a short linger batches them without
        // adding noticeable latency to the exactly-once commit interval (100 ms by default).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.putAll(clientOverrides);
        return p;
    }
}
