package org.ntrklab.platform.topics;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayRunEvent;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.ReportCommandEvent;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.events.TurnaroundEvent;

/**
 * The topic catalogue: the one place topics are defined. Services build their topologies from an
 * instance of it, so a test can run the same topology on its own prefixed copy of every topic.
 */
public final class Topics {

    public static final String SPECIMEN_ID = "specimenId";
    public static final String ACCESSION_ID = "accessionId";

    private final String prefix;
    private final int partitions;
    private final short replicationFactor;

    private final TopicSpec<SpecimenEvent> limsSpecimenEvents;
    private final TopicSpec<QcMeasurementEvent> qcMeasurements;
    private final TopicSpec<AssayRunEvent> assayRuns;
    private final TopicSpec<ReportCommandEvent> reportCommands;
    private final TopicSpec<AccessionEvent> accessions;
    private final TopicSpec<QcDecisionEvent> qcDecisions;
    private final TopicSpec<AssayOrderEvent> assayOrders;
    private final TopicSpec<AssayStatusEvent> assayStatus;
    private final TopicSpec<ReportEvent> reports;
    private final TopicSpec<TurnaroundEvent> turnaround;

    /**
     * @param prefix prepended to every topic name; empty in production, unique per test
     * @param partitions partition count of every topic (the same for all, so they are co-partitioned)
     * @param replicationFactor replicas per partition (1 on a single broker)
     */
    public Topics(String prefix, int partitions, short replicationFactor) {
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be at least 1, got "
                    + partitions + " and " + replicationFactor);
        }
        this.prefix = prefix == null ? "" : prefix;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        limsSpecimenEvents = spec("lims.specimen-events", SpecimenEvent.class, SPECIMEN_ID, "LIMS (external)");
        qcMeasurements = spec("lab.qc-measurements", QcMeasurementEvent.class, ACCESSION_ID, "bench / LIMS (external)");
        assayRuns = spec("lab.assay-runs", AssayRunEvent.class, ACCESSION_ID, "instruments / bench (external)");
        reportCommands = spec("lab.report-commands", ReportCommandEvent.class, ACCESSION_ID, "reporting REST API");
        accessions = spec("ntrk.accessions", AccessionEvent.class, ACCESSION_ID, "accessioning");
        qcDecisions = spec("ntrk.qc-decisions", QcDecisionEvent.class, ACCESSION_ID, "sample-qc");
        assayOrders = spec("ntrk.assay-orders", AssayOrderEvent.class, ACCESSION_ID, "reflex");
        assayStatus = spec("ntrk.assay-status", AssayStatusEvent.class, ACCESSION_ID, "assay-tracking");
        reports = spec("ntrk.reports", ReportEvent.class, ACCESSION_ID, "reporting");
        turnaround = spec("ntrk.turnaround", TurnaroundEvent.class, ACCESSION_ID, "tat-metrics");
    }

    /** The production catalogue: no prefix. */
    public static Topics production(int partitions, short replicationFactor) {
        return new Topics("", partitions, replicationFactor);
    }

    private <V extends SpecificRecord> TopicSpec<V> spec(String name, Class<V> type, String keyedBy, String writer) {
        return new TopicSpec<>(prefix + name, type, keyedBy, writer, partitions, replicationFactor,
                TopicConfig.CLEANUP_POLICY_DELETE);
    }

    public TopicSpec<SpecimenEvent> limsSpecimenEvents() {
        return limsSpecimenEvents;
    }

    public TopicSpec<QcMeasurementEvent> qcMeasurements() {
        return qcMeasurements;
    }

    public TopicSpec<AssayRunEvent> assayRuns() {
        return assayRuns;
    }

    public TopicSpec<ReportCommandEvent> reportCommands() {
        return reportCommands;
    }

    public TopicSpec<AccessionEvent> accessions() {
        return accessions;
    }

    public TopicSpec<QcDecisionEvent> qcDecisions() {
        return qcDecisions;
    }

    public TopicSpec<AssayOrderEvent> assayOrders() {
        return assayOrders;
    }

    public TopicSpec<AssayStatusEvent> assayStatus() {
        return assayStatus;
    }

    public TopicSpec<ReportEvent> reports() {
        return reports;
    }

    public TopicSpec<TurnaroundEvent> turnaround() {
        return turnaround;
    }

    /** Every topic of the catalogue, inputs first, in pipeline order. */
    public List<TopicSpec<?>> all() {
        return List.of(limsSpecimenEvents, qcMeasurements, assayRuns, reportCommands, accessions, qcDecisions,
                assayOrders, assayStatus, reports, turnaround);
    }

    /** Broker definitions of every topic and its dead-letter topic. */
    public List<NewTopic> newTopics() {
        return all().stream().flatMap(t -> java.util.stream.Stream.of(t.newTopic(), t.newDeadLetterTopic())).toList();
    }

    public String prefix() {
        return prefix;
    }

    public int partitions() {
        return partitions;
    }
}
