package org.ntrklab.reporting;

import java.util.List;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.Actor;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.ReflexRecommended;
import org.ntrklab.events.ReflexSettled;
import org.ntrklab.events.ReportCommandEvent;
import org.ntrklab.events.ReportCommandRejection;
import org.ntrklab.events.ReportSignOutRequested;
import org.ntrklab.events.ResultCorrectionRequested;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.platform.cases.AccessionReadings;
import org.ntrklab.platform.cases.Reading;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.events.EventTimes;
import org.ntrklab.platform.events.OutsideText;
import org.ntrklab.platform.events.RecordKeys;
import org.ntrklab.platform.limits.FieldLimits;
import org.ntrklab.platform.limits.FieldViolation;
import org.ntrklab.reporting.report.ReportDesk;
import org.ntrklab.reporting.report.ReportInput;
import org.ntrklab.reporting.report.ReportOutput;

/**
 * Reads reporting's input records into the desk's inputs. All five inputs are keyed by accession with
 * Kafka's partitioner, so they are co-partitioned with the case store and need no repartition. A command
 * is applied once: Streams' exactly-once processing commits its offset with the case and the versions it
 * wrote, and the case remembers the command's event id against a re-sent copy.
 */
final class ReportInputs {

    private ReportInputs() {
    }

    static Reading<ReportInput, ReportOutput> accession(String key, AccessionEvent event, long timestamp) {
        return AccessionReadings.read(key, event,
                (eventId, at, accessioned) -> new ReportInput.Accessioned(new ReportDesk.Cause(eventId, at), accessioned),
                ReportInput.Cancelled::new);
    }

    static Reading<ReportInput, ReportOutput> order(String key, AssayOrderEvent order, long timestamp) {
        return fact(RecordKeys.requireAccession(key, order.getAccessionId(), "ntrk.assay-orders"),
                new ReportDesk.Cause(order.getEventId(), order.getOccurredAt()), order.getPayload(), timestamp);
    }

    static Reading<ReportInput, ReportOutput> status(String key, AssayStatusEvent status, long timestamp) {
        return fact(RecordKeys.requireAccession(key, status.getAccessionId(), "ntrk.assay-status"),
                new ReportDesk.Cause(status.getEventId(), status.getOccurredAt()), status.getPayload(), timestamp);
    }

    static Reading<ReportInput, ReportOutput> qc(String key, QcDecisionEvent qc, long timestamp) {
        return fact(RecordKeys.requireAccession(key, qc.getAccessionId(), "ntrk.qc-decisions"),
                new ReportDesk.Cause(qc.getEventId(), qc.getOccurredAt()), qc.getPayload(), timestamp);
    }

    /**
     * An order, reflex's advice or announcement, an assay's status or result, or sample-qc's decision, for
     * the accession's case. Rejections of run events are assay-tracking's answer to the bench, and rejected
     * measurements sample-qc's: nothing to report, like any other payload the desk does not read.
     */
    private static Reading<ReportInput, ReportOutput> fact(String accessionId, ReportDesk.Cause cause, Object payload,
            long timestamp) {
        ReportInput input;
        if (payload instanceof AssayOrdered ordered) {
            input = new ReportInput.Ordered(ordered);
        } else if (payload instanceof ReflexRecommended advice) {
            input = new ReportInput.Advised(cause, advice);
        } else if (payload instanceof ReflexSettled settled) {
            input = new ReportInput.Settled(cause, settled);
        } else if (payload instanceof AssayResulted resulted) {
            input = new ReportInput.Resulted(cause, resulted);
        } else if (payload instanceof AssayStatusChanged changed) {
            input = new ReportInput.StatusChanged(cause, changed);
        } else if (payload instanceof QcDecided decision) {
            input = new ReportInput.QcDecided(cause, decision);
        } else {
            input = null;
        }
        return forCaseOrIgnored(accessionId, input, payload, timestamp);
    }

    /**
     * A command on lab.report-commands. One that cannot reach its case (no value, fields outside their
     * limits, no accession or another accession's key) is answered at once, where the pathologist's tools
     * look, without touching any case.
     */
    static Reading<ReportInput, ReportOutput> command(String key, ReportCommandEvent command, long timestamp) {
        if (command == null) {
            if (!RecordKeys.nameable(key)) {
                throw new IllegalArgumentException("record keyed " + OutsideText.quote(key) + " has no value");
            }
            return rejected(key, ReportDesk.unattributable(EventIds.ofRecordWithoutValue(key, timestamp), "unknown",
                    ReportCommandRejection.MISSING_FIELD, "the command record has no value",
                    EventTimes.forRejection(null, timestamp)), "empty_command", timestamp);
        }
        Object payload = command.getPayload();
        String type = payload.getClass().getSimpleName();
        String accessionId = command.getAccessionId();
        // The envelope's ids have passed the deserializer's identity check; the rest is checked here, before
        // anything of the command is read or copied.
        List<FieldViolation> violations = FieldLimits.check(command);
        if (!violations.isEmpty()) {
            String answerKey = RecordKeys.nameable(accessionId) ? accessionId : key;
            if (!RecordKeys.nameable(answerKey)) {
                throw new IllegalArgumentException(
                        "command with fields outside their limits names no usable accession");
            }
            return rejected(answerKey, ReportDesk.outOfLimits(command.getEventId(), type, violations,
                    EventTimes.forRejection(command.getOccurredAt(), timestamp)), type, timestamp);
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
            return rejected(answerKey, rejected, type, timestamp);
        }
        ReportDesk.Cause cause = new ReportDesk.Cause(command.getEventId(), command.getOccurredAt());
        ReportInput input;
        if (payload instanceof ReportSignOutRequested signOut) {
            input = new ReportInput.SignOutRequested(cause, signOut, signerName(command, signOut.getPathologistRef()));
        } else if (payload instanceof ResultCorrectionRequested correction) {
            input = new ReportInput.CorrectionRequested(cause, correction,
                    signerName(command, correction.getPathologistRef()));
        } else {
            input = null;
        }
        return forCaseOrIgnored(key, input, payload, timestamp);
    }

    /**
     * The display name the reporting API took from the sender's token, when the command is signed by that same
     * sender: a name belongs to the identity it was authenticated with, never to another staff identifier.
     */
    private static String signerName(ReportCommandEvent command, String pathologistRef) {
        Actor actor = command.getActor();
        return actor != null && actor.getSubject().equals(pathologistRef) ? actor.getDisplayName() : null;
    }

    /** The input for the accession's case, counted under the payload's type; no input: nothing to report. */
    private static Reading<ReportInput, ReportOutput> forCaseOrIgnored(String accessionId, ReportInput input,
            Object payload, long timestamp) {
        String type = payload.getClass().getSimpleName();
        return input == null ? Reading.ignored(type, "ignored") : Reading.forCase(accessionId, input, type, timestamp);
    }

    /** Answers a command that reaches no case; nothing is stored. */
    private static Reading<ReportInput, ReportOutput> rejected(String answerKey, ReportOutput.Rejected rejected,
            String type, long timestamp) {
        return Reading.answered(answerKey, List.of(rejected), type,
                "rejected_" + rejected.rejection().name().toLowerCase(), timestamp);
    }
}
