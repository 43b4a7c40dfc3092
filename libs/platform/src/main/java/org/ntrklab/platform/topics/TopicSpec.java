package org.ntrklab.platform.topics;

import java.util.Map;
import java.util.Optional;
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
 * @param fromOutside written by systems or people outside the services (the LIMS, the bench, instruments,
 *     pathologists through the reporting API): its content is checked at intake and answered with rejection
 *     events; the services' own topics are trusted to keep the field limits, and a record breaking them is
 *     dead-lettered
 * @param partitions partition count
 * @param replicationFactor replicas per partition, or -1 for the broker's default
 * @param retentionMs how long records are kept, -1 for ever (replaying history must give the same results)
 * @param deadLetterRetentionMs how long the topic's dead letters are kept, -1 for ever
 */
public record TopicSpec<V extends SpecificRecord>(String name, Class<V> valueType, String keyedBy, String writer,
        boolean fromOutside, int partitions, short replicationFactor, long retentionMs, long deadLetterRetentionMs) {

    /** Suffix of the dead-letter topic that the consuming service writes unreadable or unprocessable records to. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /**
     * Largest dead letter a dead-letter topic takes (its {@code max.message.bytes}). A dead letter is the
     * original record, which the broker accepted under its own limit (1 MB by default), plus a few
     * kilobytes of headers: the dead-letter topic must take it even when the original was at the limit.
     */
    public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    public String deadLetterTopic() {
        return name + DEAD_LETTER_SUFFIX;
    }

    /** The schema registry subject of the topic's values (TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** The broker-side definition of this topic. */
    public NewTopic newTopic() {
        return definition(name);
    }

    /**
     * The broker-side definition of this topic's dead-letter topic: same partitions, never compacted, its
     * own retention, and room for a dead letter of a record at the broker's size limit.
     */
    public NewTopic newDeadLetterTopic() {
        return defineDeadLetters(deadLetterTopic(), partitions, replicationFactor, deadLetterRetentionMs);
    }

    private NewTopic definition(String topicName) {
        return define(topicName, partitions, replicationFactor, retentionMs);
    }

    /** A dead-letter topic: delete policy, the given retention, {@link #DEAD_LETTER_MAX_MESSAGE_BYTES}. */
    static NewTopic defineDeadLetters(String topicName, int partitions, short replicationFactor, long retentionMs) {
        Optional<Short> replicas = replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor);
        return new NewTopic(topicName, Optional.of(partitions), replicas).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMs),
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(DEAD_LETTER_MAX_MESSAGE_BYTES)));
    }

    /** A delete-policy topic; a negative replication factor leaves it to the broker's default. */
    static NewTopic define(String topicName, int partitions, short replicationFactor, long retentionMs) {
        Optional<Short> replicas = replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor);
        return new NewTopic(topicName, Optional.of(partitions), replicas).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMs)));
    }
}
