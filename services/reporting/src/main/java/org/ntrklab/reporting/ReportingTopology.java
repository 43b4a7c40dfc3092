package org.ntrklab.reporting;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.streams.CatalogueStreams;
import org.ntrklab.platform.streams.JsonStoreSerde;
import org.ntrklab.platform.topics.TopicSpec;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reporting.report.ReportCase;
import org.ntrklab.reporting.report.ReportDesk;

/**
 * ntrk.accessions + ntrk.assay-orders + ntrk.assay-status + ntrk.qc-decisions + lab.report-commands -> report desk ->
 * ntrk.reports, the final-result topic reporting systems subscribe to.
 */
public final class ReportingTopology {

    /** Accession number -> its orders, results and report versions; kept for ever (the report history). */
    public static final String CASES = "report-cases";

    private ReportingTopology() {
    }

    public static Topology topology(Topics topics, EventSerdes serdes, ReportDesk desk, ReportingMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, topics, serdes, desk, metrics);
        return builder.build();
    }

    public static KStream<String, ReportEvent> build(StreamsBuilder builder, Topics topics, EventSerdes serdes,
            ReportDesk desk, ReportingMetrics metrics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CASES), Serdes.String(),
                new JsonStoreSerde<>(ReportCase.class)));
        KStream<String, ReportEvent> reports = CatalogueStreams.records(builder, topics.accessions(), serdes)
                .merge(CatalogueStreams.records(builder, topics.assayOrders(), serdes))
                .merge(CatalogueStreams.records(builder, topics.assayStatus(), serdes))
                .merge(CatalogueStreams.records(builder, topics.qcDecisions(), serdes))
                .merge(CatalogueStreams.records(builder, topics.reportCommands(), serdes))
                // One report case per accession, fed by all five inputs.
                .process(() -> new ReportingProcessor(desk, metrics, topics.reportCommands().name()), CASES);
        TopicSpec<ReportEvent> output = topics.reports();
        reports.to(output.name(), Produced.with(output.keySerde(), serdes.valueSerde(output)));
        return reports;
    }
}
