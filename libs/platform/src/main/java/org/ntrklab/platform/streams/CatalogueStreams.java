package org.ntrklab.platform.streams;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Predicate;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.ntrklab.platform.limits.FieldLimits;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.topics.TopicSpec;

/** Streams of catalogue topics, read the way every service reads them. */
public final class CatalogueStreams {

    private CatalogueStreams() {
    }

    /**
     * A topic written by one of our services, as a stream of its envelopes typed as records, so that
     * several co-partitioned topics can be merged into one processor.
     */
    public static <V extends SpecificRecord> KStream<String, SpecificRecord> records(StreamsBuilder builder,
            TopicSpec<V> topic, EventSerdes serdes) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), serdes.valueSerde(topic)))
                .mapValues(v -> (SpecificRecord) v);
    }

    /**
     * An external topic (LIMS, bench, instruments), sorted into the records that can be filed under their
     * key and those that cannot: no value, a key that is not the envelope's id, or a field outside its
     * limits ({@link FieldLimits}; such a record is answered at once and never copied further).
     *
     * @param filed the filable records, re-partitioned by key with Kafka's own partitioner into
     *     {@code partitions} partitions: a producer using another client's partitioner (librdkafka hashes
     *     keys differently) would otherwise put a record in another task than the state it belongs to
     * @param misfiled the others, to be answered at once with a rejection
     */
    public record Sorted<V>(KStream<String, V> filed, KStream<String, V> misfiled) {
    }

    /**
     * @param name prefix of the branch names, e.g. "runs-"
     * @param repartitionName name of the internal re-partition topic (part of the service's topic names:
     *     never change it for a running service)
     */
    public static <V extends SpecificRecord> Sorted<V> external(StreamsBuilder builder, TopicSpec<V> topic,
            EventSerdes serdes, String name, Predicate<String, V> filable, String repartitionName, int partitions) {
        Serde<V> valueSerde = serdes.valueSerde(topic);
        Map<String, KStream<String, V>> sorted = builder
                .stream(topic.name(), Consumed.with(topic.keySerde(), valueSerde))
                .split(Named.as(name))
                .branch((key, value) -> filable.test(key, value) && FieldLimits.check(value).isEmpty(),
                        Branched.as("filed"))
                .defaultBranch(Branched.as("misfiled"));
        KStream<String, V> filed = sorted.get(name + "filed")
                .repartition(Repartitioned.<String, V>as(repartitionName)
                        .withKeySerde(topic.keySerde()).withValueSerde(valueSerde).withNumberOfPartitions(partitions));
        return new Sorted<>(filed, sorted.get(name + "misfiled"));
    }
}
