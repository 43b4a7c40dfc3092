package org.ntrklab.assaytracking;

import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.ntrklab.assaytracking.tracking.AssayCase;
import org.ntrklab.assaytracking.tracking.AssayDesk;
import org.ntrklab.events.AssayRunEvent;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.streams.JsonStoreSerde;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;

/**
 * ntrk.assay-orders + ntrk.qc-decisions + ntrk.accessions + lab.assay-runs -> assay desk ->
 * ntrk.assay-status. Run events come from instruments and bench software written with any client, so
 * they are re-partitioned by accession with Kafka's partitioner before they meet their orders.
 */
public final class AssayTrackingTopology {

    /** Accession number -> its orders' states and QC verdicts. */
    public static final String CASES = "assay-cases";
    static final String RUNS_BY_ACCESSION = "runs-by-accession";

    private AssayTrackingTopology() {
    }

    public static Topology topology(Topics topics, EventSerdes serdes, AssayDesk desk, AssayTrackingMetrics metrics,
            Duration housekeepingInterval) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics, serdes, desk, metrics, housekeepingInterval);
        return builder.build();
    }

    public static KStream<String, AssayStatusEvent> build(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            AssayDesk desk, AssayTrackingMetrics metrics, Duration housekeepingInterval) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CASES), Serdes.String(),
                new JsonStoreSerde<>(AssayCase.class)));
        TopicSpec<AssayRunEvent> runTopic = topics.assayRuns();
        Serde<AssayRunEvent> runSerde = serdes.valueSerde(runTopic);
        Map<String, KStream<String, AssayRunEvent>> bench = builder
                .stream(runTopic.name(), Consumed.with(runTopic.keySerde(), runSerde))
                .split(Named.as("runs-"))
                .branch(MisfiledRunProcessor::filable, Branched.as("filed"))
                .defaultBranch(Branched.as("misfiled"));
        // Records without a value or keyed by something else than their accession are answered at once.
        KStream<String, AssayStatusEvent> misfiled = bench.get("runs-misfiled")
                .process(() -> new MisfiledRunProcessor(metrics));
        KStream<String, SpecificRecord> runs = bench.get("runs-filed")
                // Kafka's own partitioner, as ntrk.assay-orders is written: an instrument writing with another
                // client's partitioner would otherwise put a run in another task than its order.
                .repartition(Repartitioned.<String, AssayRunEvent>as(RUNS_BY_ACCESSION)
                        .withKeySerde(runTopic.keySerde()).withValueSerde(runSerde)
                        .withNumberOfPartitions(topics.partitions()))
                .mapValues(v -> (SpecificRecord) v);
        KStream<String, AssayStatusEvent> status = input(builder, topics.assayOrders(), serdes)
                .merge(input(builder, topics.qcDecisions(), serdes))
                .merge(input(builder, topics.accessions(), serdes))
                .merge(runs)
                // One order-tracking state per accession, fed by all four inputs.
                .process(() -> new AssayTrackingProcessor(desk, metrics, housekeepingInterval), CASES)
                .merge(misfiled);
        TopicSpec<AssayStatusEvent> output = topics.assayStatus();
        status.to(output.name(), Produced.with(output.keySerde(), serdes.valueSerde(output)));
        return status;
    }

    private static <V extends SpecificRecord> KStream<String, SpecificRecord> input(StreamsBuilder builder,
            TopicSpec<V> topic, EventSerdes serdes) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), serdes.valueSerde(topic)))
                .mapValues(v -> (SpecificRecord) v);
    }
}
