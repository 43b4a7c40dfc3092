package org.ntrklab.accessioning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.accessioning.intake.IntakeRule;
import org.ntrklab.accessioning.ledger.AccessionDesk;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.events.RejectionReason;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.events.SpecimenCancelled;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.platform.events.EventTimes;
import org.ntrklab.platform.events.OutsideText;
import org.ntrklab.platform.events.RecordKeys;
import org.ntrklab.platform.limits.FieldKind;
import org.ntrklab.platform.limits.FieldLimits;
import org.ntrklab.platform.limits.FieldViolation;
import org.ntrklab.platform.streams.Outputs;

/**
 * Answers LIMS records that cannot be filed under a specimen: no value, a key that is not the event's
 * specimenId, or a field outside its limits (docs/field-limits.md). They are rejected before
 * deduplication, whose state is kept per key, and before any of their content is copied anywhere: the
 * rejection names the offending fields, never their values.
 */
final class MisfiledRecordProcessor implements Processor<String, SpecimenEvent, String, AccessionEvent> {

    private final AccessionDesk desk;
    private final AccessioningMetrics metrics;
    private ProcessorContext<String, AccessionEvent> context;

    MisfiledRecordProcessor(AccessionDesk desk, AccessioningMetrics metrics) {
        this.desk = desk;
        this.metrics = metrics;
    }

    /** True for a record accessioning can file: a value whose specimenId is its key. */
    static boolean filable(String key, SpecimenEvent event) {
        return event != null && !event.getSpecimenId().isBlank() && event.getSpecimenId().equals(key);
    }

    @Override
    public void init(ProcessorContext<String, AccessionEvent> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, SpecimenEvent> record) {
        SpecimenEvent event = record.value();
        String key = record.key();
        if (event == null) {
            if (!RecordKeys.nameable(key)) {
                // Nothing names a specimen that a rejection could be filed under: the dead letter keeps it.
                throw new IllegalArgumentException("record has no value and no usable key");
            }
            RejectionReason reason = IntakeRule.REQUIRED_FIELDS.reject(RejectionCode.MISSING_FIELD, null,
                    "record for this specimen id has no value; a LIMS event was expected");
            String causation = EventIds.ofRecordWithoutValue(key, record.timestamp());
            context.forward(AccessionEvents.event(causation, "rejected", EventTimes.forRejection(null, record.timestamp()),
                    record.timestamp(), null, key, AccessionEvents.rejection(key, null, List.of(reason))));
            count("empty", reason);
            return;
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
                ? desk.intakeReasons(received, EventTimes.forRejection(event.getOccurredAt(), record.timestamp()))
                : List.of();
        reasons.addAll(intake);
        for (FieldViolation violation : FieldLimits.check(event)) {
            if (intake.stream().noneMatch(r -> violation.field().equals(r.getField()))) {
                reasons.add(IntakeRule.FIELD_LIMITS.reject(RejectionCode.MALFORMED_VALUE, violation.field(),
                        violation.detail()));
            }
        }
        Record<String, AccessionEvent> rejection = AccessionEvents.event(event.getEventId(), "rejected",
                EventTimes.forRejection(event.getOccurredAt(), record.timestamp()), record.timestamp(), null,
                specimenId, AccessionEvents.rejection(specimenId, orderIdOf(event), reasons));
        Outputs.requireWritable(rejection.value());
        context.forward(rejection);
        metrics.outcome(event.getPayload().getClass().getSimpleName(), "rejected");
        metrics.rejected(reasons);
    }

    private void count(String eventKind, RejectionReason reason) {
        metrics.outcome(eventKind, "rejected");
        metrics.rejected(List.of(reason));
    }

    /** The order id, where it keeps its limits; it is only copied into the rejection then. */
    private static String orderIdOf(SpecimenEvent event) {
        String orderId = event.getPayload() instanceof SpecimenReceived r ? r.getOrderId()
                : ((SpecimenCancelled) event.getPayload()).getOrderId();
        return FieldKind.IDENTIFIER.fits(orderId) ? orderId : null;
    }
}
