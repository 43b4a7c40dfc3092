package org.ntrklab.reflex.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.QcVerdict;

/**
 * What reflex keeps per accession.
 *
 * @param facts null until the accession arrives (QC decisions may come first)
 * @param qc the latest QC verdict per assay
 * @param orders every order written, in order
 * @param pending intents waiting for the QC decision of the assay they would order
 * @param advised keys of the advice already given
 * @param lastUpdateWallMillis wall-clock time of the last change, for evicting finished cases
 * @param settledAs the order outcomes last announced as settled, or null if none was announced
 */
public record ReflexCase(String accessionId, CaseFacts facts, boolean cancelled, Map<AssayType, QcVerdict> qc,
        List<PlacedOrder> orders, List<Intent> pending, List<String> advised, long lastUpdateWallMillis,
        String settledAs) {

    public ReflexCase {
        // Enum-ordered, so that anything derived by iterating it comes out the same on every run.
        EnumMap<AssayType, QcVerdict> q = new EnumMap<>(AssayType.class);
        if (qc != null) {
            q.putAll(qc);
        }
        qc = Collections.unmodifiableMap(q);
        orders = orders == null ? List.of() : List.copyOf(orders);
        pending = pending == null ? List.of() : List.copyOf(pending);
        advised = advised == null ? List.of() : List.copyOf(advised);
    }

    public static ReflexCase open(String accessionId, long wallMillis) {
        return new ReflexCase(accessionId, null, false, Map.of(), List.of(), List.of(), List.of(), wallMillis, null);
    }

    public boolean accessioned() {
        return facts != null;
    }

    /** No order is open and nothing waits: the case needs reflex no more unless a result is corrected. */
    public boolean settled() {
        return pending.isEmpty() && orders.stream().allMatch(o -> o.outcome() != null);
    }

    boolean ordered(AssayType assay) {
        return orders.stream().anyMatch(o -> o.assay() == assay);
    }

    long retests(AssayType assay) {
        return orders.stream().filter(o -> o.assay() == assay && o.reason() == org.ntrklab.events.OrderReason.RETEST)
                .count();
    }

    PlacedOrder order(String orderId) {
        return orders.stream().filter(o -> o.orderId().equals(orderId)).findFirst().orElse(null);
    }

    ReflexCase with(CaseFacts newFacts, boolean newCancelled, Map<AssayType, QcVerdict> newQc,
            List<PlacedOrder> newOrders, List<Intent> newPending, List<String> newAdvised, long wallMillis) {
        return new ReflexCase(accessionId, newFacts, newCancelled, newQc, newOrders, newPending, newAdvised,
                wallMillis, settledAs);
    }

    /** The outcomes of every order, as announced when the case settles: {@code orderId=outcome;...}. */
    String outcomes() {
        StringBuilder b = new StringBuilder();
        orders.forEach(o -> b.append(o.orderId()).append('=').append(o.outcome()).append(';'));
        return b.toString();
    }

    ReflexCase announcedSettled() {
        return new ReflexCase(accessionId, facts, cancelled, qc, orders, pending, advised, lastUpdateWallMillis,
                outcomes());
    }

    ReflexCase withQc(AssayType assay, QcVerdict verdict, long wallMillis) {
        Map<AssayType, QcVerdict> updated = new EnumMap<>(AssayType.class);
        updated.putAll(qc);
        updated.put(assay, verdict);
        return with(facts, cancelled, updated, orders, pending, advised, wallMillis);
    }

    ReflexCase withOrder(PlacedOrder replaced) {
        List<PlacedOrder> updated = new ArrayList<>(orders);
        updated.replaceAll(o -> o.orderId().equals(replaced.orderId()) ? replaced : o);
        return with(facts, cancelled, qc, updated, pending, advised, lastUpdateWallMillis);
    }
}
