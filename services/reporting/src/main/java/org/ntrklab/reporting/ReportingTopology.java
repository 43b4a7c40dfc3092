package org.ntrklab.reporting;

import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.platform.cases.CaseRuntime;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.state.AvroStateSerde;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reporting.report.ReportCase;
import org.ntrklab.reporting.report.ReportDesk;

/**
 * ntrk.accessions + ntrk.assay-orders + ntrk.assay-status + ntrk.qc-decisions + lab.report-commands -> report desk ->
 * ntrk.reports, the final-result topic reporting systems subscribe to. One report case per accession, fed by
 * all five inputs; a command record that cannot reach its case, even an empty one, is answered on ntrk.reports.
 */
public final class ReportingTopology {

    /**
     * Accession number -> its orders, results and report versions; a settled case is forgotten once idle for
     * the retention period (its reports stay on ntrk.reports).
     */
    public static final String CASES = "report-cases";

    private ReportingTopology() {
    }

    public static Topology topology(Topics topics, EventSerdes serdes, ReportDesk desk, ReportingMetrics metrics,
            Duration housekeepingInterval) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics, serdes, desk, metrics, housekeepingInterval);
        return builder.build();
    }

    public static KStream<String, ReportEvent> build(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            ReportDesk desk, ReportingMetrics metrics, Duration housekeepingInterval) {
        return CaseRuntime.of(CASES, AvroStateSerde.of(ReportCase.class), desk)
                .input(topics.accessions(), ReportInputs::accession)
                .input(topics.assayOrders(), ReportInputs::order)
                .input(topics.assayStatus(), ReportInputs::status)
                .input(topics.qcDecisions(), ReportInputs::qc)
                .inputAnsweringEmpty(topics.reportCommands(), ReportInputs::command)
                .metrics(metrics)
                .gauge(metrics.awaitingSignOut())
                .housekeeping(housekeepingInterval)
                .build(builder, serdes, topics.reports(), ReportEvents::record);
    }
}
