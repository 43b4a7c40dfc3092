package org.ntrklab.reflex.plan;

import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.OrderReason;

/**
 * An order reflex has written.
 *
 * @param outcome what was last acted upon for this order (e.g. {@code RESULTED:POSITIVE},
 *     {@code RUN_FAILED:INSTRUMENT_ERROR}, {@code CANCELLED}); null while open. The same outcome reported
 *     again is not acted upon twice; a corrected result with another outcome is.
 */
public record PlacedOrder(String orderId, AssayType assay, OrderReason reason, int depth, String outcome) {

    /**
     * The order ended without a definite answer: its run failed, its result was FAILED, NON_EVALUABLE or
     * EQUIVOCAL, it was blocked by a failed QC decision, or it was cancelled. Such an assay has been tried;
     * a reflex that wants it moves on to the next method.
     */
    public boolean inconclusive() {
        return outcome != null && (outcome.startsWith("RUN_FAILED") || outcome.equals("RESULTED:FAILED")
                || outcome.equals("RESULTED:NON_EVALUABLE") || outcome.equals("RESULTED:EQUIVOCAL")
                || outcome.equals("BLOCKED_QC") || outcome.equals("CANCELLED"));
    }

    /** The assay state of the outcome (RESULTED, RUN_FAILED, BLOCKED_QC, CANCELLED), null while open. */
    public AssayState outcomeState() {
        return outcome == null ? null : AssayState.valueOf(outcome.split(":", 2)[0]);
    }

    /** The interpretation acted on, for a RESULTED order; otherwise null. */
    public AssayInterpretation outcomeInterpretation() {
        return outcomeState() == AssayState.RESULTED ? AssayInterpretation.valueOf(outcome.split(":", 2)[1]) : null;
    }

    PlacedOrder withOutcome(String newOutcome) {
        return new PlacedOrder(orderId, assay, reason, depth, newOutcome);
    }
}
