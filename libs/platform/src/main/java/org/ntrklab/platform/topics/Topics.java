package org.ntrklab.platform.topics;

import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
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

    /** Keep records for ever: replaying a topic from the start must give the same results. */
    public static final long KEEP_FOREVER = -1;
    /** Let the broker choose (its {@code default.replication.factor}). */
    public static final short BROKER_DEFAULT_REPLICATION = -1;

    private final String prefix;
    private final int partitions;
    private final short replicationFactor;
    private final long retentionMs;
    private final long deadLetterRetentionMs;

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
     * @param replicationFactor replicas per partition, or -1 for the broker's default
     * @param retentionMs how long records are kept, -1 for ever
     * @param deadLetterRetentionMs how long dead letters are kept, -1 for ever
     */
    public Topics(String prefix, int partitions, short replicationFactor, long retentionMs, long deadLetterRetentionMs) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1 && replicationFactor != BROKER_DEFAULT_REPLICATION) {
            throw new IllegalArgumentException("replication factor must be at least 1 (or -1 for the broker's "
                    + "default), got " + replicationFactor);
        }
        if (retentionMs < 1 && retentionMs != KEEP_FOREVER) {
            throw new IllegalArgumentException("retention must be positive (or -1 to keep for ever), got "
                    + retentionMs);
        }
        if (deadLetterRetentionMs < 1 && deadLetterRetentionMs != KEEP_FOREVER) {
            throw new IllegalArgumentException("dead-letter retention must be positive (or -1 to keep for ever), got "
                    + deadLetterRetentionMs);
        }
        this.prefix = prefix == null ? "" : prefix;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.retentionMs = retentionMs;
        this.deadLetterRetentionMs = deadLetterRetentionMs;
        limsSpecimenEvents = spec("lims.specimen-events", SpecimenEvent.class, SPECIMEN_ID, "LIMS (external)", true);
        qcMeasurements = spec("lab.qc-measurements", QcMeasurementEvent.class, ACCESSION_ID, "bench / LIMS (external)",
                true);
        assayRuns = spec("lab.assay-runs", AssayRunEvent.class, ACCESSION_ID, "instruments / bench (external)", true);
        reportCommands = spec("lab.report-commands", ReportCommandEvent.class, ACCESSION_ID,
                "reporting REST API, on a pathologist's behalf", true);
        accessions = spec("ntrk.accessions", AccessionEvent.class, ACCESSION_ID, "accessioning", false);
        qcDecisions = spec("ntrk.qc-decisions", QcDecisionEvent.class, ACCESSION_ID, "sample-qc", false);
        assayOrders = spec("ntrk.assay-orders", AssayOrderEvent.class, ACCESSION_ID, "reflex", false);
        assayStatus = spec("ntrk.assay-status", AssayStatusEvent.class, ACCESSION_ID, "assay-tracking", false);
        reports = spec("ntrk.reports", ReportEvent.class, ACCESSION_ID, "reporting", false);
        turnaround = spec("ntrk.turnaround", TurnaroundEvent.class, ACCESSION_ID, "tat-metrics", false);
    }

    /** A catalogue whose dead letters are kept as long as its records. */
    public Topics(String prefix, int partitions, short replicationFactor, long retentionMs) {
        this(prefix, partitions, replicationFactor, retentionMs, retentionMs);
    }

    /** A catalogue whose records are kept for ever. */
    public Topics(String prefix, int partitions, short replicationFactor) {
        this(prefix, partitions, replicationFactor, KEEP_FOREVER);
    }

    /** The production catalogue: no prefix, records kept for ever. */
    public static Topics production(int partitions, short replicationFactor) {
        return new Topics("", partitions, replicationFactor, KEEP_FOREVER);
    }

    private <V extends SpecificRecord> TopicSpec<V> spec(String name, Class<V> type, String keyedBy, String writer,
            boolean fromOutside) {
        return new TopicSpec<>(prefix + name, type, keyedBy, writer, fromOutside, partitions, replicationFactor,
                retentionMs, deadLetterRetentionMs);
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
        return all().stream().flatMap(t -> Stream.of(t.newTopic(), t.newDeadLetterTopic())).toList();
    }

    /**
     * The dead-letter topic of a service's own internal topics (Kafka Streams repartition topics), which
     * have no catalogue entry: {@code <application id>.dlt}.
     */
    public static String serviceDeadLetterTopic(String applicationId) {
        return applicationId + TopicSpec.DEAD_LETTER_SUFFIX;
    }

    /** Broker definition of a service's own dead-letter topic. */
    public NewTopic newServiceDeadLetterTopic(String applicationId) {
        return TopicSpec.defineDeadLetters(serviceDeadLetterTopic(applicationId), partitions, replicationFactor,
                deadLetterRetentionMs);
    }

    public String prefix() {
        return prefix;
    }

    public int partitions() {
        return partitions;
    }

    public short replicationFactor() {
        return replicationFactor;
    }

    /** Whether a topic name is a dead-letter topic (of a catalogue topic or of a service). */
    public static boolean isDeadLetterTopic(String name) {
        return name.endsWith(TopicSpec.DEAD_LETTER_SUFFIX);
    }
}
