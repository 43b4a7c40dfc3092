package org.ntrklab.reflex;

import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.ReflexRecommended;
import org.ntrklab.events.ReflexSettled;
import org.ntrklab.events.SettledOrder;
import org.ntrklab.events.TriggeringResult;
import org.ntrklab.events.TumourTypeRoute;
import org.ntrklab.platform.events.Envelopes;
import org.ntrklab.reflex.plan.ReflexOutput;
import org.ntrklab.reflex.plan.Trigger;

/** Turns the desk's outputs into ntrk.assay-orders records: envelope, key and a valid record timestamp. */
final class ReflexEvents {

    static final String SOURCE = "reflex";

    private ReflexEvents() {
    }

    static Record<String, AssayOrderEvent> record(String accessionId, ReflexOutput output, long inputTimestamp) {
        Object payload;
        if (output instanceof ReflexOutput.Ordered o) {
            payload = AssayOrdered.newBuilder().setOrderId(o.orderId()).setAssay(o.assay()).setReason(o.reason())
                    .setRuleId(o.ruleId()).setRationale(o.rationale()).setReference(o.reference())
                    .setPriority(o.priority()).setChainDepth(o.chainDepth()).setTriggeredBy(triggering(o.trigger()))
                    .setTargetGenes(o.targetGenes()).setRuleSetVersion(o.ruleSetVersion()).build();
        } else if (output instanceof ReflexOutput.Recommended r) {
            payload = ReflexRecommended.newBuilder().setRecommendation(r.recommendation()).setRuleId(r.ruleId())
                    .setRationale(r.rationale()).setReference(r.reference()).setTriggeredBy(triggering(r.trigger()))
                    .setRuleSetVersion(r.ruleSetVersion()).build();
        } else {
            ReflexOutput.Settled settled = (ReflexOutput.Settled) output;
            payload = ReflexSettled.newBuilder().setOrders(settled.orders().stream()
                    .map(o -> SettledOrder.newBuilder().setOrderId(o.orderId()).setAssay(o.assay())
                            .setState(o.outcomeState()).setInterpretation(o.outcomeInterpretation()).build())
                    .toList()).setSuspicion(settled.suspicion())
                    .setTumourTypeRoute(TumourTypeRoute.valueOf(settled.route().name()))
                    .setRuleSetVersion(settled.ruleSetVersion()).build();
        }
        Record<String, AssayOrderEvent> record = Envelopes.record(AssayOrderEvent.class, accessionId, output.eventId(),
                output.occurredAt(), SOURCE, output.causationId(), payload, inputTimestamp);
        // A settled announcement carries the time of the decision that settled the case, often the very time of
        // the QC decisions reflex weighed. A service reading both topics takes records in timestamp order and
        // may take either first on a tie: a millisecond later, the announcement comes after them (reporting
        // drafts on it, with those decisions' limitations in the report).
        return output instanceof ReflexOutput.Settled ? record.withTimestamp(record.timestamp() + 1) : record;
    }

    private static TriggeringResult triggering(Trigger t) {
        return t == null ? null
                : TriggeringResult.newBuilder().setOrderId(t.orderId()).setAssay(t.assay()).setEventId(t.eventId()).build();
    }
}
