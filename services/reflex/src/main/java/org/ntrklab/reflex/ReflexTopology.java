package org.ntrklab.reflex;

import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.platform.cases.CaseRuntime;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.state.AvroStateSerde;
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

    /** Adds the reflex steps to the builder and returns the stream of order events it writes. */
    public static KStream<String, AssayOrderEvent> build(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            ReflexDesk desk, ReflexMetrics metrics, Duration housekeepingInterval) {
        // One test-selection state per accession, fed by all three inputs.
        return CaseRuntime.of(CASES, AvroStateSerde.of(ReflexCase.class), desk)
                .input(topics.accessions(), ReflexInputs::accession)
                .input(topics.qcDecisions(), ReflexInputs::qcDecision)
                .input(topics.assayStatus(), ReflexInputs::assayStatus)
                .metrics(metrics)
                .gauge(metrics.waitingForQc())
                .housekeeping(housekeepingInterval)
                .build(builder, serdes, topics.assayOrders(), ReflexEvents::record);
    }
}
