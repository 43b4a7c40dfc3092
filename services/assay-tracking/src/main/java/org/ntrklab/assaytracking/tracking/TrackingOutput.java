package org.ntrklab.assaytracking.tracking;

import java.time.Instant;
import org.ntrklab.events.AssayEventRejection;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;

/** An event assay-tracking writes to ntrk.assay-status. */
public sealed interface TrackingOutput {

    String eventId();

    String causationId();

    Instant occurredAt();

    /** @param reason coded reason, e.g. QC_FAIL or the run failure reason; never patient information */
    record StatusChanged(String orderId, AssayType assay, AssayState from, AssayState to, String runId, String reason,
            String eventId, String causationId, Instant occurredAt) implements TrackingOutput {
    }

    /** @param details the instrument's result record (IhcResult, NgsResult, ...) as received */
    record Resulted(String orderId, AssayType assay, String runId, AssayInterpretation interpretation, Object details,
            String eventId, String causationId, Instant occurredAt) implements TrackingOutput {
    }

    /** @param field the offending field, when one field is at fault */
    record Rejected(String rejectedEventId, String orderId, String runId, AssayEventRejection rejection, String detail,
            String eventId, String causationId, Instant occurredAt, String field) implements TrackingOutput {

        public Rejected(String rejectedEventId, String orderId, String runId, AssayEventRejection rejection,
                String detail, String eventId, String causationId, Instant occurredAt) {
            this(rejectedEventId, orderId, runId, rejection, detail, eventId, causationId, occurredAt, null);
        }
    }
}
