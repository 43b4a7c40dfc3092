package org.ntrklab.sampleqc;

import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.streams.CatalogueStreams;
import org.ntrklab.platform.streams.JsonStoreSerde;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.sampleqc.evaluation.QcCase;
import org.ntrklab.sampleqc.evaluation.QcDesk;

/**
 * ntrk.accessions + lab.qc-measurements -> QC desk -> ntrk.qc-decisions. Measurements are re-partitioned
 * by accession number with the same partitioner and partition count as ntrk.accessions, so an accession
 * and its measurements meet in the same task whichever client wrote them.
 */
public final class SampleQcTopology {

    /** Accession number -> the case's QC state. */
    public static final String CASES = "qc-cases";
    /** Name of the internal topic that holds measurements partitioned like ntrk.accessions. */
    static final String MEASUREMENTS_BY_ACCESSION = "measurements-by-accession";

    private SampleQcTopology() {
    }

    public static Topology topology(Topics topics, EventSerdes serdes, QcDesk desk, SampleQcMetrics metrics,
            Duration housekeepingInterval) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics, serdes, desk, metrics, housekeepingInterval);
        return builder.build();
    }

    /** Adds the QC steps to the builder and returns the stream of decision events it writes. */
    public static KStream<String, QcDecisionEvent> build(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            QcDesk desk, SampleQcMetrics metrics, Duration housekeepingInterval) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CASES), Serdes.String(),
                new JsonStoreSerde<>(QcCase.class)));
        TopicSpec<AccessionEvent> accessionTopic = topics.accessions();
        TopicSpec<QcMeasurementEvent> measurementTopic = topics.qcMeasurements();
        TopicSpec<QcDecisionEvent> output = topics.qcDecisions();
        KStream<String, SpecificRecord> accessions = CatalogueStreams.records(builder, accessionTopic, serdes);
        // Records without a value or keyed by something else than their accession are answered at once; the
        // others are re-partitioned as ntrk.accessions is written, so a bench system writing with another
        // client's partitioner still has its measurements meet their accession in one task.
        CatalogueStreams.Sorted<QcMeasurementEvent> bench = CatalogueStreams.external(builder, measurementTopic, serdes,
                "measurements-", QcDesk::filable, MEASUREMENTS_BY_ACCESSION, topics.partitions());
        KStream<String, QcDecisionEvent> misfiled = bench.misfiled().process(() -> new MisfiledMeasurementProcessor(metrics));
        KStream<String, SpecificRecord> measurements = bench.filed().mapValues(v -> (SpecificRecord) v);
        KStream<String, QcDecisionEvent> decisions = accessions.merge(measurements)
                // One case state per accession, fed by both inputs in arrival order.
                .process(() -> new QcProcessor(desk, metrics, housekeepingInterval), CASES)
                .merge(misfiled);
        decisions.to(output.name(), Produced.with(output.keySerde(), serdes.valueSerde(output)));
        return decisions;
    }
}
