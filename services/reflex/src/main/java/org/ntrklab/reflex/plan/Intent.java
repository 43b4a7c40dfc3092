package org.ntrklab.reflex.plan;

import java.util.List;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.OrderReason;
import org.ntrklab.reflex.rules.ReflexRule;

/**
 * An order the rules want, not yet placed: the first assay of {@code chain} whose sample QC passed will
 * be ordered (assays already ordered for the accession are skipped, except for a retest). An intent waits
 * while the QC decision of the assay it would order is still unknown.
 *
 * @param depth chain depth the order will have (0 for initial orders)
 * @param detail case-specific part of the rationale, e.g. which table entry routed it
 * @param extraReference source of the table entry that routed it, added to the rule's reference
 */
public record Intent(List<AssayType> chain, ReflexRule rule, OrderReason reason, Trigger trigger, int depth,
        String detail, String extraReference) {

    public Intent {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an intent needs at least one assay");
        }
    }

    public boolean retest() {
        return reason == OrderReason.RETEST;
    }
}
