package org.ntrklab.reflex.plan;

import java.time.Instant;
import java.util.List;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.OrderReason;
import org.ntrklab.events.Priority;
import org.ntrklab.events.Recommendation;
import org.ntrklab.reflex.rules.TumourRoute;

/** An event reflex writes to ntrk.assay-orders. */
public sealed interface ReflexOutput {

    String eventId();

    String causationId();

    Instant occurredAt();

    /** The version of the rule table behind the event. */
    String ruleSetVersion();

    /** @param targetGenes the break-apart probes of a FISH order; empty for other assays */
    record Ordered(String orderId, AssayType assay, OrderReason reason, String ruleId, String rationale,
            String reference, Priority priority, int chainDepth, Trigger trigger, List<NtrkGene> targetGenes,
            String ruleSetVersion, String eventId, String causationId, Instant occurredAt) implements ReflexOutput {

        public Ordered {
            targetGenes = List.copyOf(targetGenes);
        }
    }

    record Recommended(Recommendation recommendation, String ruleId, String rationale, String reference,
            Trigger trigger, String ruleSetVersion, String eventId, String causationId, Instant occurredAt)
            implements ReflexOutput {
    }

    /**
     * Nothing more to order or wait for: every order has the outcome listed.
     *
     * @param suspicion the pre-test suspicion the rules worked with (HIGH for high-prevalence tumour types)
     * @param route the routing table's class of the tumour type
     */
    record Settled(List<PlacedOrder> orders, ClinicalSuspicion suspicion, TumourRoute route, String ruleSetVersion,
            String eventId, String causationId, Instant occurredAt) implements ReflexOutput {

        public Settled {
            orders = List.copyOf(orders);
        }
    }
}
