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

    /** How often each service commits its state, outputs and input offsets (one transaction). */
    public static final int COMMIT_INTERVAL_MS = 200;

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
        // Each commit is a transaction over every partition the task wrote (outputs, changelogs, offsets): the
        // broker's and the producer's work per commit is much the same for one record as for hundreds. A case
        // crosses six services, each of which makes its output visible only at its commit: 200 ms adds at most
        // about a second to a case's way through the lab, while a busy lab commits half as often as at the
        // exactly-once default of 100 ms.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        // Memory for the state stores is bounded for the whole process, however many cases they hold.
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        // Lab events are small and arrive in bursts from the LIMS; a short linger batches them without
        // adding noticeable latency to the commit interval.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.putAll(clientOverrides);
        return p;
    }
}
