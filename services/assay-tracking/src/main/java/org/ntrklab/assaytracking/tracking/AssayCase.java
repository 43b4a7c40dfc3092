package org.ntrklab.assaytracking.tracking;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.QcVerdict;

/**
 * What assay-tracking keeps per accession: the latest QC verdict per assay (decisions may arrive before
 * or after the order), every order's state, and whether the accession was cancelled.
 *
 * @param lastUpdateWallMillis wall-clock time of the last change, for evicting finished cases
 */
public record AssayCase(String accessionId, boolean cancelled, Map<AssayType, QcVerdict> qc,
        Map<String, TrackedOrder> orders, long lastUpdateWallMillis) {

    public AssayCase {
        EnumMap<AssayType, QcVerdict> q = new EnumMap<>(AssayType.class);
        if (qc != null) {
            q.putAll(qc);
        }
        qc = Collections.unmodifiableMap(q);
        // Insertion-ordered, so that anything derived by iterating orders comes out the same on every run.
        orders = Collections.unmodifiableMap(orders == null ? new LinkedHashMap<>() : new LinkedHashMap<>(orders));
    }

    public static AssayCase open(String accessionId, long wallMillis) {
        return new AssayCase(accessionId, false, Map.of(), Map.of(), wallMillis);
    }

    /** Every order reached RESULTED, RUN_FAILED or CANCELLED. */
    public boolean finished() {
        return orders.values().stream().allMatch(TrackedOrder::terminal);
    }

    AssayCase with(TrackedOrder order, long wallMillis) {
        Map<String, TrackedOrder> updated = new LinkedHashMap<>(orders);
        updated.put(order.orderId(), order);
        return new AssayCase(accessionId, cancelled, qc, updated, wallMillis);
    }

    AssayCase withQc(AssayType assay, QcVerdict verdict, long wallMillis) {
        Map<AssayType, QcVerdict> updated = new EnumMap<>(AssayType.class);
        updated.putAll(qc);
        updated.put(assay, verdict);
        return new AssayCase(accessionId, cancelled, updated, orders, wallMillis);
    }

    AssayCase withCancelled(long wallMillis) {
        return new AssayCase(accessionId, true, qc, orders, wallMillis);
    }
}
