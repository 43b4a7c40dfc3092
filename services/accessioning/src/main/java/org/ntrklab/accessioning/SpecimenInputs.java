package org.ntrklab.accessioning;

import java.util.ArrayList;
import java.util.List;
import org.ntrklab.accessioning.intake.IntakeRule;
import org.ntrklab.accessioning.ledger.AccessionDesk;
import org.ntrklab.accessioning.ledger.SpecimenInput;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.events.RejectionReason;
import org.ntrklab.events.SpecimenCancelled;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.platform.cases.Reading;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.events.EventTimes;
import org.ntrklab.platform.events.OutsideText;
import org.ntrklab.platform.events.RecordKeys;
import org.ntrklab.platform.limits.FieldKind;
import org.ntrklab.platform.limits.FieldLimits;
import org.ntrklab.platform.limits.FieldViolation;

/** Reads LIMS records into the accession desk's inputs, or answers those that cannot be filed. */
final class SpecimenInputs {

    private final AccessionDesk desk;

    SpecimenInputs(AccessionDesk desk) {
        this.desk = desk;
    }

    /** True for a record accessioning can file: a value whose specimenId is its key. */
    static boolean filable(String key, SpecimenEvent event) {
        return event != null && !event.getSpecimenId().isBlank() && event.getSpecimenId().equals(key);
    }

    /** A record keyed by its own specimen id whose fields keep their limits. */
    Reading<SpecimenInput, AccessionEvent> filed(String key, SpecimenEvent event, long timestamp) {
        String kind = event.getPayload().getClass().getSimpleName();
        String specimenId = event.getSpecimenId();
        if (event.getOccurredAt().isBefore(EventTimes.EARLIEST_PLAUSIBLE)) {
            // Checked before the desk: an event time that is no time at all must not reach the ledger.
            RejectionReason reason = IntakeRule.PLAUSIBLE_DATE.reject(RejectionCode.MALFORMED_VALUE, "occurredAt",
                    "event time " + event.getOccurredAt() + " is before " + EventTimes.EARLIEST_PLAUSIBLE);
            AccessionEvent rejection = AccessionEvents.event(event.getEventId(), "rejected", event.getOccurredAt(),
                    null, specimenId, AccessionEvents.rejection(specimenId, null, List.of(reason)));
            return Reading.answered(specimenId, List.of(rejection), kind, "rejected", timestamp);
        }
        SpecimenInput input = event.getPayload() instanceof SpecimenReceived received
                ? new SpecimenInput.Received(event.getEventId(), event.getOccurredAt(), received)
                : new SpecimenInput.Cancelled(event.getEventId(), event.getOccurredAt(),
                        (SpecimenCancelled) event.getPayload());
        return Reading.forCase(specimenId, input, kind, timestamp);
    }

    /**
     * Answers LIMS records that cannot be filed under a specimen: no value, a key that is not the event's
     * specimenId, or a field outside its limits (docs/field-limits.md). They are rejected before
     * deduplication, whose state is kept per key, and before any of their content is copied anywhere: the
     * rejection names the offending fields, never their values.
     */
    Reading<SpecimenInput, AccessionEvent> misfiled(String key, SpecimenEvent event, long timestamp) {
        if (event == null) {
            if (!RecordKeys.nameable(key)) {
                // Nothing names a specimen that a rejection could be filed under: the dead letter keeps it.
                throw new IllegalArgumentException("record has no value and no usable key");
            }
            RejectionReason reason = IntakeRule.REQUIRED_FIELDS.reject(RejectionCode.MISSING_FIELD, null,
                    "record for this specimen id has no value; a LIMS event was expected");
            String causation = EventIds.ofRecordWithoutValue(key, timestamp);
            AccessionEvent rejection = AccessionEvents.event(causation, "rejected",
                    EventTimes.forRejection(null, timestamp), null, key,
                    AccessionEvents.rejection(key, null, List.of(reason)));
            return Reading.answered(key, List.of(rejection), "empty", "rejected", timestamp);
        }
        // The envelope's specimenId and eventId have passed the deserializer's identity check.
        String specimenId = event.getSpecimenId().isBlank() ? key : event.getSpecimenId();
        if (!RecordKeys.nameable(specimenId)) {
            throw new IllegalArgumentException("record has neither a usable key nor a specimenId; it cannot be "
                    + "attributed to any specimen");
        }
        List<RejectionReason> reasons = new ArrayList<>();
        if (!filable(key, event)) {
            reasons.add(IntakeRule.RECORD_KEY.reject(RejectionCode.WRONG_KEY, "specimenId",
                    "record key " + OutsideText.quote(key) + " does not match the event's specimenId "
                            + OutsideText.quote(event.getSpecimenId())));
        }
        // Every reason at once: the intake rules too, and a field limit only where no rule named the field.
        List<RejectionReason> intake = event.getPayload() instanceof SpecimenReceived received
                ? desk.intakeReasons(received, EventTimes.forRejection(event.getOccurredAt(), timestamp))
                : List.of();
        reasons.addAll(intake);
        for (FieldViolation violation : FieldLimits.check(event)) {
            if (intake.stream().noneMatch(r -> violation.field().equals(r.getField()))) {
                reasons.add(IntakeRule.FIELD_LIMITS.reject(RejectionCode.MALFORMED_VALUE, violation.field(),
                        violation.detail()));
            }
        }
        AccessionEvent rejection = AccessionEvents.event(event.getEventId(), "rejected",
                EventTimes.forRejection(event.getOccurredAt(), timestamp), null, specimenId,
                AccessionEvents.rejection(specimenId, orderIdOf(event), reasons));
        return Reading.answered(specimenId, List.of(rejection), event.getPayload().getClass().getSimpleName(),
                "rejected", timestamp);
    }

    /** The order id, where it keeps its limits; it is only copied into the rejection then. */
    private static String orderIdOf(SpecimenEvent event) {
        String orderId = event.getPayload() instanceof SpecimenReceived r ? r.getOrderId()
                : ((SpecimenCancelled) event.getPayload()).getOrderId();
        return FieldKind.IDENTIFIER.fits(orderId) ? orderId : null;
    }
}
