package org.ntrklab.reflex.plan;

import org.ntrklab.events.AssayType;
import org.ntrklab.events.OrderReason;

/**
 * An order reflex has written.
 *
 * @param outcome what was last acted upon for this order (e.g. {@code RESULTED:POSITIVE},
 *     {@code RUN_FAILED:INSTRUMENT_ERROR}, {@code CANCELLED}); null while open. The same outcome reported
 *     again is not acted upon twice; a corrected result with another outcome is.
 */
public record PlacedOrder(String orderId, AssayType assay, OrderReason reason, int depth, String outcome)
        implements ReflexPolicy.PlacedOrderView {

    /** The order ended without a usable result: its run failed, its result was FAILED or non-evaluable, or it was cancelled. */
    public boolean failed() {
        return outcome != null && (outcome.startsWith("RUN_FAILED") || outcome.equals("RESULTED:FAILED")
                || outcome.equals("RESULTED:NON_EVALUABLE") || outcome.equals("CANCELLED"));
    }

    PlacedOrder withOutcome(String newOutcome) {
        return new PlacedOrder(orderId, assay, reason, depth, newOutcome);
    }
}
