package org.ntrklab.platform.streams;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Predicate;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
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
     * @param filed the filable records, each in the partition Kafka's own partitioner gives its key among
     *     {@code partitions}: those a producer with another client's partitioner (librdkafka hashes keys
     *     differently) put elsewhere are re-partitioned, as they would otherwise reach another task than the
     *     state they belong to
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
        Map<String, KStream<String, Routed<V>>> sorted = builder
                .stream(topic.name(), Consumed.with(topic.keySerde(), valueSerde))
                .processValues(() -> new PartitionCheck<>(filable, partitions))
                .split(Named.as(name))
                .branch((key, routed) -> routed.route() == Route.IN_PLACE, Branched.as("in-place"))
                .branch((key, routed) -> routed.route() == Route.MOVE, Branched.as("moved"))
                .defaultBranch(Branched.as("misfiled"));
        // Only records in another partition than Kafka's own partitioner would choose for their key (a producer
        // with another client's partitioner) make the trip through the re-partition topic; the rest are read
        // where they are, one write and one transaction fewer per record.
        KStream<String, V> moved = sorted.get(name + "moved").mapValues(Routed::value)
                .repartition(Repartitioned.<String, V>as(repartitionName)
                        .withKeySerde(topic.keySerde()).withValueSerde(valueSerde).withNumberOfPartitions(partitions));
        KStream<String, V> filed = sorted.get(name + "in-place").mapValues(Routed::value).merge(moved);
        return new Sorted<>(filed, sorted.get(name + "misfiled").mapValues(Routed::value));
    }

    enum Route { IN_PLACE, MOVE, MISFILED }

    record Routed<V>(V value, Route route) {
    }

    /**
     * Decides each external record's route: misfiled (no value, a key that is not the envelope's id, a field
     * outside its limits), filed in place (already in the partition Kafka's default partitioner gives its
     * key among {@code partitions}), or filed after a move to that partition.
     */
    static final class PartitionCheck<V extends SpecificRecord> implements FixedKeyProcessor<String, V, Routed<V>> {

        private final Predicate<String, V> filable;
        private final int partitions;
        private FixedKeyProcessorContext<String, Routed<V>> context;

        PartitionCheck(Predicate<String, V> filable, int partitions) {
            this.filable = filable;
            this.partitions = partitions;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Routed<V>> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, V> record) {
            Route route;
            if (!filable.test(record.key(), record.value()) || !FieldLimits.check(record.value()).isEmpty()) {
                route = Route.MISFILED;
            } else {
                int partition = context.recordMetadata().map(m -> m.partition()).orElse(-1);
                route = partition == partitionFor(record.key(), partitions) ? Route.IN_PLACE : Route.MOVE;
            }
            context.forward(record.withValue(new Routed<>(record.value(), route)));
        }
    }

    /** The partition Kafka's default partitioner gives a record keyed {@code key} among {@code partitions}. */
    static int partitionFor(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
