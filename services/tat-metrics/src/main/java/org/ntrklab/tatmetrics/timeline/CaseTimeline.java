package org.ntrklab.tatmetrics.timeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A case's clock readings (epoch milliseconds, event time), the turnaround events already written for it
 * (so none is written twice), and when it finished, for eviction.
 *
 * @param finishedClockMillis the service's clock when the case finished (FINAL report or cancellation)
 * @param lastUpdateClockMillis the service's clock at the last input, for evicting cases that never start
 */
public record CaseTimeline(String accessionId, Long receivedAt, Long accessionedAt, String priority, Long firstQcAt,
        Map<String, OrderTimeline> orders, Long finalAt, boolean cancelled, Set<String> emitted,
        List<String> seenEventIds, Long finishedClockMillis, long lastUpdateClockMillis) {

    public CaseTimeline {
        // Sorted collections: the events derived by iterating them come out in the same order on every run.
        orders = Collections.unmodifiableMap(new TreeMap<>(orders == null ? Map.of() : orders));
        emitted = Collections.unmodifiableSet(new TreeSet<>(emitted == null ? Set.of() : emitted));
        seenEventIds = List.copyOf(seenEventIds == null ? List.of() : seenEventIds);
    }

    static CaseTimeline open(String accessionId, long clock) {
        return new CaseTimeline(accessionId, null, null, null, null, Map.of(), null, false, Set.of(), List.of(), null,
                clock);
    }

    public boolean accessioned() {
        return receivedAt != null;
    }

    public boolean finished() {
        return finishedClockMillis != null;
    }

    CaseTimeline with(Long newReceivedAt, Long newAccessionedAt, String newPriority, Long newFirstQcAt,
            Map<String, OrderTimeline> newOrders, Long newFinalAt, boolean newCancelled, Long newFinishedClock) {
        return new CaseTimeline(accessionId, newReceivedAt, newAccessionedAt, newPriority, newFirstQcAt, newOrders,
                newFinalAt, newCancelled, emitted, seenEventIds, newFinishedClock, lastUpdateClockMillis);
    }

    CaseTimeline seen(String eventId, long clock) {
        List<String> ids = new ArrayList<>(seenEventIds);
        ids.add(eventId);
        return new CaseTimeline(accessionId, receivedAt, accessionedAt, priority, firstQcAt, orders, finalAt, cancelled,
                emitted, ids, finishedClockMillis, clock);
    }

    CaseTimeline emitted(String key) {
        Set<String> keys = new TreeSet<>(emitted);
        keys.add(key);
        return new CaseTimeline(accessionId, receivedAt, accessionedAt, priority, firstQcAt, orders, finalAt, cancelled,
                keys, seenEventIds, finishedClockMillis, lastUpdateClockMillis);
    }

    CaseTimeline withOrder(OrderTimeline order) {
        Map<String, OrderTimeline> updated = new TreeMap<>(orders);
        updated.put(order.orderId(), order);
        return with(receivedAt, accessionedAt, priority, firstQcAt, updated, finalAt, cancelled, finishedClockMillis);
    }
}
