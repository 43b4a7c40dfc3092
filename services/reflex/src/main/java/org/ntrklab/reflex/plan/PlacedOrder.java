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

    PlacedOrder withOutcome(String newOutcome) {
        return new PlacedOrder(orderId, assay, reason, depth, newOutcome);
    }
}
