package org.ntrklab.accessioning;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.accessioning.intake.IntakeRule;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.events.RejectionReason;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.events.OutsideText;

/**
 * Answers LIMS records that cannot be filed under a specimen: no value, or a key that is not the event's
 * specimenId. They are rejected before deduplication, whose state is kept per key.
 */
final class MisfiledRecordProcessor implements Processor<String, SpecimenEvent, String, AccessionEvent> {

    private final AccessioningMetrics metrics;
    private ProcessorContext<String, AccessionEvent> context;

    MisfiledRecordProcessor(AccessioningMetrics metrics) {
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
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("record has neither a key nor a value");
            }
            RejectionReason reason = IntakeRule.REQUIRED_FIELDS.reject(RejectionCode.MISSING_FIELD, null,
                    "record for this specimen id has no value; a LIMS event was expected");
            String causation = EventIds.ofRecordWithoutValue(key, record.timestamp());
            context.forward(AccessionEvents.event(causation, "rejected", Instant.ofEpochMilli(Math.max(0, record.timestamp())),
                    record.timestamp(), null, key, AccessionEvents.rejection(key, null, List.of(reason))));
            count("empty", reason);
            return;
        }
        String specimenId = event.getSpecimenId().isBlank() ? key : event.getSpecimenId();
        if (specimenId == null || specimenId.isBlank()) {
            throw new IllegalArgumentException("record has neither a key nor a specimenId; it cannot be "
                    + "attributed to any specimen");
        }
        RejectionReason reason = IntakeRule.RECORD_KEY.reject(RejectionCode.WRONG_KEY, "specimenId",
                "record key " + OutsideText.quote(key) + " does not match the event's specimenId "
                        + OutsideText.quote(event.getSpecimenId()));
        context.forward(AccessionEvents.event(event.getEventId(), "rejected", event.getOccurredAt(), record.timestamp(),
                null, specimenId, AccessionEvents.rejection(specimenId, null, List.of(reason))));
        count(event.getPayload().getClass().getSimpleName(), reason);
    }

    private void count(String eventKind, RejectionReason reason) {
        metrics.outcome(eventKind, "rejected");
        metrics.rejected(List.of(reason));
    }
}
