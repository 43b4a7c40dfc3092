package org.ntrklab.reflex;

import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.streams.CatalogueStreams;
import org.ntrklab.platform.streams.JsonStoreSerde;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reflex.plan.ReflexCase;
import org.ntrklab.reflex.plan.ReflexDesk;

/**
 * ntrk.accessions + ntrk.qc-decisions + ntrk.assay-status -> reflex desk -> ntrk.assay-orders. The
 * inputs are co-partitioned (same key, partitioner and partition count), so one task sees everything of
 * an accession in the order each topic holds it.
 */
public final class ReflexTopology {

    /** Accession number -> the case's test-selection state. */
    public static final String CASES = "reflex-cases";

    private ReflexTopology() {
    }

    public static Topology topology(Topics topics, EventSerdes serdes, ReflexDesk desk, ReflexMetrics metrics,
            Duration housekeepingInterval) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics, serdes, desk, metrics, housekeepingInterval);
        return builder.build();
    }

    public static KStream<String, AssayOrderEvent> build(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            ReflexDesk desk, ReflexMetrics metrics, Duration housekeepingInterval) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CASES), Serdes.String(),
                new JsonStoreSerde<>(ReflexCase.class)));
        KStream<String, SpecificRecord> accessions = CatalogueStreams.records(builder, topics.accessions(), serdes);
        KStream<String, SpecificRecord> qc = CatalogueStreams.records(builder, topics.qcDecisions(), serdes);
        KStream<String, SpecificRecord> status = CatalogueStreams.records(builder, topics.assayStatus(), serdes);
        TopicSpec<AssayOrderEvent> output = topics.assayOrders();
        KStream<String, AssayOrderEvent> orders = accessions.merge(qc).merge(status)
                // One test-selection state per accession, fed by all three inputs.
                .process(() -> new ReflexProcessor(desk, metrics, housekeepingInterval), CASES);
        orders.to(output.name(), Produced.with(output.keySerde(), serdes.valueSerde(output)));
        return orders;
    }
}
