package org.ntrklab.sampleqc.evaluation;

import java.time.Instant;
import java.util.List;
import org.ntrklab.events.QcRejectionReason;

/** An event sample-qc writes for a case. */
public sealed interface QcOutput {

    /**
     * A new or changed QC decision.
     *
     * @param supersedesEventId the earlier decision for the same assay that this one replaces, if any
     * @param causationId the event (accession or measurement) that led to it
     */
    record Decided(QcDecision decision, String eventId, String supersedesEventId, String causationId,
            Instant occurredAt) implements QcOutput {
    }

    /** A measurement that cannot be used, with every reason. */
    record MeasurementRejected(String measurementEventId, String measurementType, List<QcRejectionReason> reasons,
            String eventId, Instant occurredAt) implements QcOutput {

        public MeasurementRejected {
            reasons = List.copyOf(reasons);
        }
    }
}
