package org.ntrklab.tatmetrics.timeline;

import org.ntrklab.events.AssayType;

/** The clock readings of one assay order, in epoch milliseconds; null until seen. */
public record OrderTimeline(String orderId, AssayType assay, boolean reflex, String triggeredByOrderId, Long orderedAt,
        Long runStartedAt, Long resultedAt, Long closedAt) {

    static OrderTimeline unknown(String orderId, AssayType assay) {
        return new OrderTimeline(orderId, assay, false, null, null, null, null, null);
    }

    boolean open() {
        return resultedAt == null && closedAt == null;
    }

    OrderTimeline ordered(Milestone m) {
        return new OrderTimeline(orderId, assay != null ? assay : m.assay(), m.reflex(), m.triggeredByOrderId(),
                m.occurredAt().toEpochMilli(), runStartedAt, resultedAt, closedAt);
    }

    OrderTimeline runStarted(long at) {
        return new OrderTimeline(orderId, assay, reflex, triggeredByOrderId, orderedAt,
                runStartedAt == null ? at : runStartedAt, resultedAt, closedAt);
    }

    OrderTimeline resulted(long at) {
        // The first result counts; a corrected result later does not restart the clock.
        return new OrderTimeline(orderId, assay, reflex, triggeredByOrderId, orderedAt, runStartedAt,
                resultedAt == null ? at : resultedAt, closedAt);
    }

    OrderTimeline closed(long at) {
        return new OrderTimeline(orderId, assay, reflex, triggeredByOrderId, orderedAt, runStartedAt, resultedAt,
                closedAt == null ? at : closedAt);
    }
}
