package org.ntrklab.assaytracking;

import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.ntrklab.assaytracking.tracking.AssayCase;
import org.ntrklab.assaytracking.tracking.AssayDesk;
import org.ntrklab.events.AssayRunEvent;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.streams.CatalogueStreams;
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
        // Records without a value or keyed by something else than their accession are answered at once; the
        // others are re-partitioned as ntrk.assay-orders is written, so an instrument writing with another
        // client's partitioner still has its runs meet their orders in one task.
        CatalogueStreams.Sorted<AssayRunEvent> bench = CatalogueStreams.external(builder, topics.assayRuns(), serdes,
                "runs-", MisfiledRunProcessor::filable, RUNS_BY_ACCESSION, topics.partitions());
        KStream<String, AssayStatusEvent> misfiled = bench.misfiled().process(() -> new MisfiledRunProcessor(metrics));
        KStream<String, SpecificRecord> runs = bench.filed().mapValues(v -> (SpecificRecord) v);
        KStream<String, AssayStatusEvent> status = CatalogueStreams.records(builder, topics.assayOrders(), serdes)
                .merge(CatalogueStreams.records(builder, topics.qcDecisions(), serdes))
                .merge(CatalogueStreams.records(builder, topics.accessions(), serdes))
                .merge(runs)
                // One order-tracking state per accession, fed by all four inputs.
                .process(() -> new AssayTrackingProcessor(desk, metrics, housekeepingInterval), CASES)
                .merge(misfiled);
        TopicSpec<AssayStatusEvent> output = topics.assayStatus();
        status.to(output.name(), Produced.with(output.keySerde(), serdes.valueSerde(output)));
        return status;
    }
}
