package org.ntrklab.reflex.plan;

import java.time.Instant;
import java.util.List;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.OrderReason;
import org.ntrklab.events.Priority;
import org.ntrklab.events.Recommendation;

/** An event reflex writes to ntrk.assay-orders. */
public sealed interface ReflexOutput {

    String eventId();

    String causationId();

    Instant occurredAt();

    record Ordered(String orderId, AssayType assay, OrderReason reason, String ruleId, String rationale,
            String reference, Priority priority, int chainDepth, Trigger trigger, String eventId, String causationId,
            Instant occurredAt) implements ReflexOutput {
    }

    record Recommended(Recommendation recommendation, String ruleId, String rationale, String reference,
            Trigger trigger, String eventId, String causationId, Instant occurredAt) implements ReflexOutput {
    }

    /** Nothing more to order or wait for: every order has the outcome listed. */
    record Settled(List<PlacedOrder> orders, String eventId, String causationId, Instant occurredAt)
            implements ReflexOutput {

        public Settled {
            orders = List.copyOf(orders);
        }
    }
}
