package org.ntrklab.assaytracking;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.ntrklab.assaytracking.tracking.AssayDesk;
import org.ntrklab.assaytracking.tracking.AssayInput;
import org.ntrklab.assaytracking.tracking.TrackingOutput;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayEventRejection;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayRunCompleted;
import org.ntrklab.events.AssayRunEvent;
import org.ntrklab.events.AssayRunFailed;
import org.ntrklab.events.AssayRunStarted;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.platform.cases.Reading;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.events.EventTimes;
import org.ntrklab.platform.events.OutsideText;
import org.ntrklab.platform.events.RecordKeys;
import org.ntrklab.platform.limits.FieldKind;
import org.ntrklab.platform.limits.FieldLimits;
import org.ntrklab.platform.limits.FieldViolation;

/** Reads assay-tracking's input records into the assay desk's inputs. */
final class TrackingInputs {

    private TrackingInputs() {
    }

    static Reading<AssayInput, TrackingOutput> order(String key, AssayOrderEvent order, long timestamp) {
        RecordKeys.requireAccession(key, order.getAccessionId(), "ntrk.assay-orders");
        if (order.getPayload() instanceof AssayOrdered ordered) {
            return Reading.forCase(key, new AssayInput.Ordered(cause(order.getEventId(), order.getOccurredAt()), ordered),
                    "AssayOrdered", timestamp);
        }
        return Reading.ignored(order.getPayload().getClass().getSimpleName(), "ignored");
    }

    static Reading<AssayInput, TrackingOutput> qc(String key, QcDecisionEvent qc, long timestamp) {
        RecordKeys.requireAccession(key, qc.getAccessionId(), "ntrk.qc-decisions");
        if (qc.getPayload() instanceof QcDecided decided) {
            return Reading.forCase(key, new AssayInput.QcDecision(cause(qc.getEventId(), qc.getOccurredAt()), decided),
                    "QcDecided", timestamp);
        }
        return Reading.ignored(qc.getPayload().getClass().getSimpleName(), "ignored");
    }

    static Reading<AssayInput, TrackingOutput> accession(String key, AccessionEvent accession, long timestamp) {
        String type = accession.getPayload().getClass().getSimpleName();
        if (accession.getAccessionId() != null && accession.getPayload() instanceof AccessionCancelled) {
            RecordKeys.requireAccession(key, accession.getAccessionId(), "ntrk.accessions");
            return Reading.forCase(key, new AssayInput.Cancelled(cause(accession.getEventId(), accession.getOccurredAt())),
                    type, timestamp);
        }
        // Accessions and rejections need no tracking until an order arrives.
        return Reading.ignored(type, "ignored");
    }

    /** A run record whose key is its accession number and whose fields keep their limits. */
    static Reading<AssayInput, TrackingOutput> run(String key, AssayRunEvent run, long timestamp) {
        AssayDesk.Cause cause = cause(run.getEventId(), run.getOccurredAt());
        Object payload = run.getPayload();
        AssayInput input;
        if (payload instanceof AssayRunStarted started) {
            input = new AssayInput.RunStarted(cause, started);
        } else if (payload instanceof AssayRunCompleted completed) {
            input = new AssayInput.RunCompleted(cause, completed);
        } else {
            input = new AssayInput.RunFailed(cause, (AssayRunFailed) payload);
        }
        return Reading.forCase(key, input, payload.getClass().getSimpleName(), timestamp);
    }

    /** A run record that can go to its accession's order state. */
    static boolean filable(String key, AssayRunEvent event) {
        return event != null && key != null && !event.getAccessionId().isBlank() && event.getAccessionId().equals(key);
    }

    /**
     * Answers run records that cannot be filed under an accession (no value, no accession, a key that is
     * not the event's accession number, or a field outside its limits) before they reach any order state.
     * Order and run ids are copied into the rejection only when they keep their limits; a field is named,
     * never quoted.
     */
    static Reading<AssayInput, TrackingOutput> misfiled(String key, AssayRunEvent event, long timestamp) {
        if (event == null) {
            if (!RecordKeys.nameable(key)) {
                throw new IllegalArgumentException("run record has no value and no usable key");
            }
            String causation = EventIds.ofRecordWithoutValue(key, timestamp);
            return reject(key, causation, null, null, AssayEventRejection.MISSING_FIELD,
                    "record has no value; an assay run event was expected", null,
                    EventTimes.forRejection(null, timestamp), timestamp, "empty");
        }
        String accessionId = event.getAccessionId().isBlank() ? key : event.getAccessionId();
        if (!RecordKeys.nameable(accessionId)) {
            throw new IllegalArgumentException("run event has neither a usable key nor an accessionId");
        }
        Instant occurredAt = EventTimes.forRejection(event.getOccurredAt(), timestamp);
        String type = event.getPayload().getClass().getSimpleName();
        String orderId = identifier(orderId(event));
        String runId = identifier(runId(event));
        List<FieldViolation> violations = FieldLimits.check(event);
        if (!violations.isEmpty()) {
            // Every offending field is listed in the detail; the first is named in the field.
            String detail = violations.stream().limit(10).map(FieldViolation::detail).collect(Collectors.joining("; "));
            return reject(accessionId, event.getEventId(), orderId, runId, AssayEventRejection.MALFORMED_VALUE, detail,
                    violations.get(0).field(), occurredAt, timestamp, type);
        }
        AssayEventRejection rejection = event.getAccessionId().isBlank() ? AssayEventRejection.MISSING_FIELD
                : AssayEventRejection.WRONG_KEY;
        String detail = event.getAccessionId().isBlank() ? "accessionId is blank"
                : "record key " + OutsideText.quote(key) + " is not the event's accessionId; runs must be keyed by accession";
        return reject(accessionId, event.getEventId(), orderId, runId, rejection, detail, "accessionId", occurredAt,
                timestamp, type);
    }

    private static Reading<AssayInput, TrackingOutput> reject(String key, String causation, String orderId,
            String runId, AssayEventRejection rejection, String detail, String field, Instant occurredAt,
            long timestamp, String type) {
        TrackingOutput.Rejected r = new TrackingOutput.Rejected(causation, orderId, runId, rejection, detail,
                EventIds.derived(causation, "rejected"), causation, occurredAt, field);
        return Reading.answered(key, List.of(r), type, "rejected_" + rejection.name().toLowerCase(), timestamp);
    }

    private static AssayDesk.Cause cause(String eventId, Instant occurredAt) {
        return new AssayDesk.Cause(eventId, occurredAt);
    }

    private static String identifier(String value) {
        return FieldKind.IDENTIFIER.fits(value) ? value : null;
    }

    private static String orderId(AssayRunEvent e) {
        Object p = e.getPayload();
        if (p instanceof AssayRunStarted s) {
            return s.getOrderId();
        }
        return p instanceof AssayRunCompleted c ? c.getOrderId() : ((AssayRunFailed) p).getOrderId();
    }

    private static String runId(AssayRunEvent e) {
        Object p = e.getPayload();
        if (p instanceof AssayRunStarted s) {
            return s.getRunId();
        }
        return p instanceof AssayRunCompleted c ? c.getRunId() : ((AssayRunFailed) p).getRunId();
    }
}
