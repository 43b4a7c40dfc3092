package org.ntrklab.reporting;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.Actor;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.ReflexRecommended;
import org.ntrklab.events.ReflexSettled;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.ReportCommandEvent;
import org.ntrklab.events.ReportCommandRejection;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportSignOutRequested;
import org.ntrklab.events.ResultCorrectionRequested;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.events.EventTimes;
import org.ntrklab.platform.events.OutsideText;
import org.ntrklab.platform.events.RecordKeys;
import org.ntrklab.platform.limits.FieldLimits;
import org.ntrklab.platform.limits.FieldViolation;
import org.ntrklab.platform.streams.Outputs;
import org.ntrklab.reporting.report.ReportCase;
import org.ntrklab.reporting.report.ReportDesk;
import org.ntrklab.reporting.report.ReportOutput;
import org.ntrklab.reporting.report.ReportStep;

/**
 * Feeds accessions, orders, assay status, QC decisions and report commands of one partition to the report desk, keeps
 * each accession's case, and writes report versions and command rejections to ntrk.reports. All five
 * inputs are keyed by accession with Kafka's partitioner, so they are co-partitioned with no repartition.
 * A command is applied once: Streams' exactly-once processing commits its offset with the case and the
 * versions it wrote, and the case remembers the command's event id against a re-sent copy.
 */
final class ReportingProcessor implements Processor<String, SpecificRecord, String, ReportEvent> {

    private final ReportDesk desk;
    private final ReportingMetrics metrics;
    private final String commandTopic;
    private ProcessorContext<String, ReportEvent> context;
    private KeyValueStore<String, ReportCase> cases;
    private String task;

    ReportingProcessor(ReportDesk desk, ReportingMetrics metrics, String commandTopic) {
        this.desk = desk;
        this.metrics = metrics;
        this.commandTopic = commandTopic;
    }

    @Override
    public void init(ProcessorContext<String, ReportEvent> context) {
        this.context = context;
        cases = context.getStateStore(ReportingTopology.CASES);
        task = context.taskId().toString();
        // The store is restored before init: count now, so the gauge is right after a restart or rebalance.
        // Cases are kept for ever, so they are counted one by one rather than loaded together.
        long count = 0;
        try (KeyValueIterator<String, ReportCase> all = cases.all()) {
            while (all.hasNext()) {
                if (awaiting(all.next().value)) {
                    count++;
                }
            }
        }
        metrics.recount(task, count);
    }

    @Override
    public void close() {
        metrics.forget(task);
    }

    private static boolean awaiting(ReportCase c) {
        return c != null && c.readyForSignOut() != null;
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value instanceof AccessionEvent accession) {
            onAccession(record.key(), accession);
        } else if (value instanceof AssayOrderEvent order) {
            String key = RecordKeys.requireAccession(record.key(), order.getAccessionId(), "ntrk.assay-orders");
            ReportDesk.Cause cause = new ReportDesk.Cause(order.getEventId(), order.getOccurredAt());
            Object payload = order.getPayload();
            ReportCase before = cases.get(key);
            ReportStep step;
            if (payload instanceof AssayOrdered ordered) {
                step = desk.ordered(before, key, ordered);
            } else if (payload instanceof ReflexRecommended advice) {
                step = desk.advised(before, key, cause, advice);
            } else if (payload instanceof ReflexSettled settled) {
                step = desk.settled(before, key, cause, settled);
            } else {
                metrics.input(payload.getClass().getSimpleName(), "ignored");
                return;
            }
            apply(key, before, step, record.timestamp(), payload.getClass().getSimpleName());
        } else if (value instanceof AssayStatusEvent status) {
            String key = RecordKeys.requireAccession(record.key(), status.getAccessionId(), "ntrk.assay-status");
            ReportDesk.Cause cause = new ReportDesk.Cause(status.getEventId(), status.getOccurredAt());
            Object payload = status.getPayload();
            ReportCase before = cases.get(key);
            ReportStep step;
            if (payload instanceof AssayResulted resulted) {
                step = desk.resulted(before, key, cause, resulted);
            } else if (payload instanceof AssayStatusChanged changed) {
                step = desk.statusChanged(before, key, cause, changed);
            } else {
                // Rejections of run events are assay-tracking's answer to the bench; nothing to report.
                metrics.input(payload.getClass().getSimpleName(), "ignored");
                return;
            }
            apply(key, before, step, record.timestamp(), payload.getClass().getSimpleName());
        } else if (value instanceof QcDecisionEvent qc) {
            String key = RecordKeys.requireAccession(record.key(), qc.getAccessionId(), "ntrk.qc-decisions");
            if (!(qc.getPayload() instanceof QcDecided decision)) {
                // A rejected measurement is sample-qc's answer to the bench; nothing to report.
                metrics.input(qc.getPayload().getClass().getSimpleName(), "ignored");
                return;
            }
            ReportCase before = cases.get(key);
            ReportStep step = desk.qcDecided(before, key, new ReportDesk.Cause(qc.getEventId(), qc.getOccurredAt()),
                    decision);
            apply(key, before, step, record.timestamp(), "QcDecided");
        } else if (value instanceof ReportCommandEvent command) {
            onCommand(record.key(), command, record.timestamp());
        } else if (value == null && fromCommandTopic() && RecordKeys.nameable(record.key())) {
            // An empty command is answered where the pathologist's tools look, not only in a dead-letter topic.
            rejectUnattributable(record.key(), ReportDesk.unattributable(
                    EventIds.ofRecordWithoutValue(record.key(), record.timestamp()), "unknown",
                    ReportCommandRejection.MISSING_FIELD, "the command record has no value",
                    EventTimes.forRejection(null, record.timestamp())), record.timestamp(), "empty_command");
        } else if (value == null) {
            throw new IllegalArgumentException("record keyed " + OutsideText.quote(record.key()) + " has no value");
        } else {
            throw new IllegalArgumentException("unexpected input type " + value.getClass().getName());
        }
    }

    /** Answers a command that reaches no case; nothing is stored. */
    private void rejectUnattributable(String key, ReportOutput.Rejected rejected, long timestamp, String inputType) {
        Record<String, ReportEvent> out = ReportEvents.record(key, rejected, timestamp);
        Outputs.requireWritable(out.value());
        context.forward(out);
        metrics.written(rejected);
        metrics.input(inputType, "rejected_" + rejected.rejection().name().toLowerCase());
    }

    private boolean fromCommandTopic() {
        return context.recordMetadata().map(m -> commandTopic.equals(m.topic())).orElse(false);
    }

    private void onAccession(String key, AccessionEvent event) {
        String type = event.getPayload().getClass().getSimpleName();
        String accessionId = event.getAccessionId();
        if (accessionId == null) {
            // A rejection at intake, or a cancellation before receipt: the rejection event is the lab's answer.
            metrics.input(type, "not_accessioned");
            return;
        }
        RecordKeys.requireAccession(key, accessionId, "ntrk.accessions");
        ReportCase before = cases.get(accessionId);
        ReportStep step;
        if (event.getPayload() instanceof SpecimenAccessioned accessioned) {
            step = desk.accessioned(before, accessionId, new ReportDesk.Cause(event.getEventId(), event.getOccurredAt()),
                    accessioned);
        } else if (event.getPayload() instanceof AccessionCancelled) {
            step = desk.cancelled(before, accessionId);
        } else {
            metrics.input(type, "ignored");
            return;
        }
        apply(accessionId, before, step, event.getOccurredAt().toEpochMilli(), type);
    }

    private void onCommand(String key, ReportCommandEvent command, long timestamp) {
        Object payload = command.getPayload();
        String type = payload.getClass().getSimpleName();
        String accessionId = command.getAccessionId();
        // The envelope's ids have passed the deserializer's identity check; the rest is checked here, before
        // anything of the command is read or copied.
        List<FieldViolation> violations = FieldLimits.check(command);
        if (!violations.isEmpty()) {
            String answerKey = RecordKeys.nameable(accessionId) ? accessionId : key;
            if (!RecordKeys.nameable(answerKey)) {
                throw new IllegalArgumentException("command with fields outside their limits names no usable accession");
            }
            rejectUnattributable(answerKey, ReportDesk.outOfLimits(command.getEventId(), type, violations,
                    EventTimes.forRejection(command.getOccurredAt(), timestamp)), timestamp, type);
            return;
        }
        if (accessionId == null || accessionId.isBlank() || !accessionId.equals(key)) {
            // Keyed by something else than its accession, the command may sit in another task than the
            // accession's case: it is refused, with the reason, instead of being applied to the wrong case.
            ReportOutput.Rejected rejected = ReportDesk.unattributable(command.getEventId(), type,
                    accessionId == null || accessionId.isBlank() ? ReportCommandRejection.MISSING_FIELD
                            : ReportCommandRejection.WRONG_KEY,
                    accessionId == null || accessionId.isBlank() ? "the command names no accession"
                            : "record key " + OutsideText.quote(key) + " differs from the command's accession "
                                    + accessionId,
                    command.getOccurredAt());
            String answerKey = accessionId == null || accessionId.isBlank() ? key : accessionId;
            if (!RecordKeys.nameable(answerKey)) {
                throw new IllegalArgumentException("command names no accession and has no usable key");
            }
            rejectUnattributable(answerKey, rejected, timestamp, type);
            return;
        }
        ReportDesk.Cause cause = new ReportDesk.Cause(command.getEventId(), command.getOccurredAt());
        ReportCase before = cases.get(key);
        ReportStep step;
        if (payload instanceof ReportSignOutRequested signOut) {
            step = desk.signOut(before, key, cause, signOut, signerName(command, signOut.getPathologistRef()));
        } else if (payload instanceof ResultCorrectionRequested correction) {
            step = desk.correct(before, key, cause, correction, signerName(command, correction.getPathologistRef()));
        } else {
            metrics.input(type, "ignored");
            return;
        }
        apply(key, before, step, timestamp, type);
    }

    /**
     * The display name the reporting API took from the sender's token, when the command is signed by that same
     * sender: a name belongs to the identity it was authenticated with, never to another staff identifier.
     */
    private static String signerName(ReportCommandEvent command, String pathologistRef) {
        Actor actor = command.getActor();
        return actor != null && actor.getSubject().equals(pathologistRef) ? actor.getDisplayName() : null;
    }

    /**
     * Builds and checks every event of the step, writes the state, then the events: an event that cannot be
     * built or written, or a case too large to keep, leaves the case as it was, with nothing written (the
     * input is dead-lettered).
     */
    private void apply(String key, ReportCase before, ReportStep step, long inputTimestamp, String inputType) {
        List<Record<String, ReportEvent>> records = step.outputs().stream()
                .map(output -> ReportEvents.record(key, output, inputTimestamp)).toList();
        Outputs.requireWritable(records);
        if (step.state() != null) {
            cases.put(key, step.state());
            metrics.awaitingChanged(task, awaiting(before), awaiting(step.state()));
        }
        records.forEach(context::forward);
        step.outputs().forEach(metrics::written);
        metrics.input(inputType, step.outcome());
    }
}
