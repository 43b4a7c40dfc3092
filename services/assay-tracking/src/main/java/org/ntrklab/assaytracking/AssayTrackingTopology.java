package org.ntrklab.assaytracking;

import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.ntrklab.assaytracking.tracking.AssayCase;
import org.ntrklab.assaytracking.tracking.AssayDesk;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.platform.cases.CaseRuntime;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.state.AvroStateSerde;
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
        // Run records filed under their accession are re-partitioned as ntrk.assay-orders is written, so an
        // instrument writing with another client's partitioner still has its runs meet their orders in one
        // task; the others are answered at once.
        return CaseRuntime.of(CASES, AvroStateSerde.of(AssayCase.class), desk)
                .input(topics.assayOrders(), TrackingInputs::order)
                .input(topics.qcDecisions(), TrackingInputs::qc)
                .input(topics.accessions(), TrackingInputs::accession)
                .externalInput(topics.assayRuns(), TrackingInputs::filable, RUNS_BY_ACCESSION, topics.partitions(),
                        TrackingInputs::run, TrackingInputs::misfiled)
                .metrics(metrics)
                .gauge(metrics.openOrders())
                .housekeeping(housekeepingInterval)
                .build(builder, serdes, topics.assayStatus(), TrackingEvents::record);
    }
}
