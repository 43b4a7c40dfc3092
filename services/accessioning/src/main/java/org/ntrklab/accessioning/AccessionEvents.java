package org.ntrklab.accessioning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ntrklab.accessioning.intake.IntakeRule;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.platform.limits.FieldLimits;
import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.accessioning.ledger.SpecimenInput;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.RejectionReason;
import org.ntrklab.events.SpecimenRejected;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.events.EventTimes;

/** Builds the events accessioning writes: envelope, deterministic id, key and record timestamp. */
final class AccessionEvents {

    static final String SOURCE = "accessioning";

    private AccessionEvents() {
    }

    /**
     * @param causationId eventId of the LIMS event decided on
     * @param derivation what was derived from it, part of the deterministic event id
     */
    static AccessionEvent event(String causationId, String derivation, Instant occurredAt, String accessionId,
            String specimenId, Object payload) {
        return AccessionEvent.newBuilder()
                .setEventId(EventIds.derived(causationId, derivation))
                .setOccurredAt(occurredAt)
                .setAccessionId(accessionId)
                .setSpecimenId(specimenId)
                .setSource(SOURCE)
                .setCausationId(causationId)
                .setPayload(payload)
                .build();
    }

    /** The event derived from a LIMS event the desk decided on, at that event's time. */
    static AccessionEvent event(SpecimenInput input, String derivation, String accessionId, String specimenId,
            Object payload) {
        return event(input.eventId(), derivation, input.occurredAt(), accessionId, specimenId, payload);
    }

    /**
     * The record of an event: keyed by its accession number, or by the specimen id when it has none.
     *
     * @param inputTimestamp the input record's timestamp, used when the event time cannot be a Kafka timestamp
     */
    static Record<String, AccessionEvent> record(String key, AccessionEvent event, long inputTimestamp) {
        String recordKey = event.getAccessionId() != null ? event.getAccessionId() : event.getSpecimenId();
        return new Record<>(recordKey, event, EventTimes.recordTimestamp(event.getOccurredAt(), inputTimestamp));
    }

    /** A rejection listing at most {@link FieldLimits#MAX_ITEMS} reasons, the last saying how many more there were. */
    static SpecimenRejected rejection(String specimenId, String orderId, List<RejectionReason> reasons) {
        List<RejectionReason> listed = reasons;
        if (reasons.size() > FieldLimits.MAX_ITEMS) {
            listed = new ArrayList<>(reasons.subList(0, FieldLimits.MAX_ITEMS - 1));
            listed.add(IntakeRule.FIELD_LIMITS.reject(RejectionCode.MALFORMED_VALUE, null,
                    (reasons.size() - listed.size()) + " further reasons are not listed"));
        }
        return SpecimenRejected.newBuilder().setSpecimenId(specimenId)
                .setOrderId(orderId == null || orderId.isBlank() ? null : orderId).setReasons(listed).build();
    }
}
