package org.ntrklab.accessioning;

import java.time.Instant;
import java.util.List;
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

    static SpecimenRejected rejection(String specimenId, String orderId, List<RejectionReason> reasons) {
        return SpecimenRejected.newBuilder().setSpecimenId(specimenId)
                .setOrderId(orderId == null || orderId.isBlank() ? null : orderId).setReasons(reasons).build();
    }
}
