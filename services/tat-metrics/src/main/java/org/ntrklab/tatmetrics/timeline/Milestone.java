package org.ntrklab.tatmetrics.timeline;

import java.time.Instant;
import java.util.List;
import org.ntrklab.events.AssayType;

/**
 * One lifecycle event of a case, reduced to what the turnaround clocks need. Fields not used by a kind are
 * null.
 *
 * @param receivedAt lab receipt (ACCESSIONED only): the case clock starts here
 * @param triggeredByOrderId the order whose result triggered a reflex order (ORDERED only)
 * @param reportedResults the orders a FINAL report lists as resulted (FINAL_REPORT only; null if unknown)
 */
public record Milestone(Kind kind, String eventId, Instant occurredAt, String orderId, AssayType assay,
        boolean reflex, String triggeredByOrderId, Instant receivedAt, String priority, List<String> reportedResults) {

    /** Without the orders a FINAL report lists as resulted. */
    public Milestone(Kind kind, String eventId, Instant occurredAt, String orderId, AssayType assay, boolean reflex,
            String triggeredByOrderId, Instant receivedAt, String priority) {
        this(kind, eventId, occurredAt, orderId, assay, reflex, triggeredByOrderId, receivedAt, priority, null);
    }

    public enum Kind {
        ACCESSIONED,
        ACCESSION_CANCELLED,
        QC_DECIDED,
        ORDERED,
        RUN_STARTED,
        RESULTED,
        /** The order ended without a result (run failed, cancelled): its test clock stops without a measure. */
        ORDER_CLOSED,
        FINAL_REPORT
    }

    public static Milestone of(Kind kind, String eventId, Instant occurredAt) {
        return new Milestone(kind, eventId, occurredAt, null, null, false, null, null, null);
    }

    public static Milestone ofOrder(Kind kind, String eventId, Instant occurredAt, String orderId, AssayType assay) {
        return new Milestone(kind, eventId, occurredAt, orderId, assay, false, null, null, null);
    }
}
