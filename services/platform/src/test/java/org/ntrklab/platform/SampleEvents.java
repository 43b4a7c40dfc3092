package org.ntrklab.platform;

import java.time.Instant;
import java.util.UUID;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.SpecimenCancelled;
import org.ntrklab.events.SpecimenEvent;

/** Small hand-made events for platform tests that care about one field, not the whole catalogue. */
final class SampleEvents {

    private SampleEvents() {
    }

    static SpecimenEvent cancellation(String specimenId, String orderId) {
        return SpecimenEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.parse("2026-03-02T09:15:00Z"))
                .setSpecimenId(specimenId)
                .setSource("platform-test")
                .setPayload(SpecimenCancelled.newBuilder().setOrderId(orderId)
                        .setReason(CancellationReason.ORDER_WITHDRAWN).build())
                .build();
    }
}
