package org.ntrklab.reflex.plan;

import org.ntrklab.events.Recommendation;
import org.ntrklab.reflex.rules.ReflexRule;

/** A recommendation that cannot be ordered automatically, e.g. "test tumour tissue". */
public record Advice(Recommendation recommendation, ReflexRule rule, Trigger trigger, String detail) {

    /** Same advice for the same trigger is given once. */
    String key() {
        return recommendation + "|" + rule.id() + "|" + (trigger == null ? "" : trigger.orderId());
    }
}
