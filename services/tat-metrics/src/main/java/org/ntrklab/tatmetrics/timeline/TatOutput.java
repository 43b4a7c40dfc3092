package org.ntrklab.tatmetrics.timeline;

import java.time.Instant;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.TurnaroundMeasure;

/** A turnaround event the clerk writes for a case. */
public sealed interface TatOutput {

    /** A key unique per case and output, for a deterministic event id. */
    String key();

    /**
     * A finished interval.
     *
     * @param targetWorkingDays null for phases, which have no target
     * @param withinTarget null when there is no target
     */
    record Measured(TurnaroundMeasure measure, AssayType assay, String orderId, Instant startedAt, Instant endedAt,
            long calendarSeconds, double workingDays, Double targetWorkingDays, Boolean withinTarget, String priority)
            implements TatOutput {
        @Override
        public String key() {
            return measure + (orderId == null ? "" : ":" + orderId);
        }
    }

    /** An open interval past its target, flagged once, before it completes. */
    record Overdue(TurnaroundMeasure measure, AssayType assay, String orderId, Instant startedAt,
            double targetWorkingDays, double elapsedWorkingDays, Instant flaggedAt) implements TatOutput {
        @Override
        public String key() {
            return "OVERDUE:" + measure + (orderId == null ? "" : ":" + orderId);
        }
    }
}
