package org.ntrklab.sampleqc;

import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.platform.cases.CaseRuntime;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.state.AvroStateSerde;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.sampleqc.evaluation.QcCase;
import org.ntrklab.sampleqc.evaluation.QcDesk;

/**
 * ntrk.accessions + lab.qc-measurements -> QC desk -> ntrk.qc-decisions. Measurements are re-partitioned
 * by accession number with the same partitioner and partition count as ntrk.accessions, so an accession
 * and its measurements meet in the same task whichever client wrote them; those that cannot be filed
 * under an accession are answered at once.
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
        return CaseRuntime.of(CASES, AvroStateSerde.of(QcCase.class), desk)
                .input(topics.accessions(), QcInputs::accession)
                .externalInput(topics.qcMeasurements(), QcDesk::filable, MEASUREMENTS_BY_ACCESSION, topics.partitions(),
                        QcInputs::measurement, QcInputs::misfiled)
                .metrics(metrics)
                .housekeeping(housekeepingInterval)
                .build(builder, serdes, topics.qcDecisions(), QcEvents::record);
    }
}
