package org.ntrklab.accessioning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ntrklab.accessioning.intake.IntakeRule;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.platform.limits.FieldLimits;
import org.apache.kafka.streams.processor.api.Record;
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
     * @param recordTimestamp the input record's timestamp, used when the event time cannot be a Kafka timestamp
     */
    static Record<String, AccessionEvent> event(String causationId, String derivation, Instant occurredAt,
            long recordTimestamp, String accessionId, String specimenId, Object payload) {
        AccessionEvent out = AccessionEvent.newBuilder()
                .setEventId(EventIds.derived(causationId, derivation))
                .setOccurredAt(occurredAt)
                .setAccessionId(accessionId)
                .setSpecimenId(specimenId)
                .setSource(SOURCE)
                .setCausationId(causationId)
                .setPayload(payload)
                .build();
        String key = accessionId != null ? accessionId : specimenId;
        return new Record<>(key, out, EventTimes.recordTimestamp(occurredAt, recordTimestamp));
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
