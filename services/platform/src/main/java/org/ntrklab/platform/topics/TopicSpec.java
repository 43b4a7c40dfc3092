package org.ntrklab.platform.topics;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the catalogue: its name, the envelope record its values carry, its key, who writes it,
 * and how it is laid out on the broker. Keys are always strings (specimenId on the LIMS topic,
 * accessionId after accessioning); every topic has the same partition count so joins need no
 * repartitioning.
 *
 * @param name full topic name, including any namespace prefix
 * @param valueType the envelope class (one Avro schema per topic)
 * @param keyedBy what the record key is, for documentation and error messages
 * @param writer the one service (or external system) that writes the topic
 * @param partitions partition count
 * @param replicationFactor replicas per partition
 * @param cleanupPolicy {@code delete} or {@code compact}
 */
public record TopicSpec<V extends SpecificRecord>(String name, Class<V> valueType, String keyedBy, String writer,
        int partitions, short replicationFactor, String cleanupPolicy) {

    /** Suffix of the dead-letter topic that the consuming service writes unreadable or unprocessable records to. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public String deadLetterTopic() {
        return name + DEAD_LETTER_SUFFIX;
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** The broker-side definition of this topic. */
    public NewTopic newTopic() {
        return new NewTopic(name, partitions, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy));
    }

    /** The broker-side definition of this topic's dead-letter topic: same partitions, kept, never compacted. */
    public NewTopic newDeadLetterTopic() {
        return new NewTopic(deadLetterTopic(), partitions, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
    }
}
