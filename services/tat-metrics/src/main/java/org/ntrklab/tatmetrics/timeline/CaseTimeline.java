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
 * @param reportedResults orders the FINAL report lists as resulted; null until the report is known
 * @param finishedAt event time at which the case finished (FINAL report or cancellation)
 * @param finishedClockMillis the service's clock when the case finished
 * @param lastUpdateClockMillis the service's clock at the last input, for evicting cases that never start
 */
public record CaseTimeline(String accessionId, Long receivedAt, Long accessionedAt, String priority, Long firstQcAt,
        Map<String, OrderTimeline> orders, Long finalAt, List<String> reportedResults, boolean cancelled,
        Set<String> emitted, List<String> seenEventIds, Long finishedAt, Long finishedClockMillis,
        long lastUpdateClockMillis) {

    public CaseTimeline {
        // Sorted collections: the events derived by iterating them come out in the same order on every run.
        orders = Collections.unmodifiableMap(new TreeMap<>(orders == null ? Map.of() : orders));
        emitted = Collections.unmodifiableSet(new TreeSet<>(emitted == null ? Set.of() : emitted));
        seenEventIds = List.copyOf(seenEventIds == null ? List.of() : seenEventIds);
        reportedResults = reportedResults == null ? null : List.copyOf(reportedResults);
    }

    static CaseTimeline open(String accessionId, long clock) {
        return new CaseTimeline(accessionId, null, null, null, null, Map.of(), null, null, false, Set.of(), List.of(),
                null, null, clock);
    }

    public boolean accessioned() {
        return receivedAt != null;
    }

    public boolean finished() {
        return finishedClockMillis != null;
    }

    CaseTimeline accessioned(long newReceivedAt, long newAccessionedAt, String newPriority) {
        return new CaseTimeline(accessionId, newReceivedAt, newAccessionedAt, newPriority, firstQcAt, orders, finalAt,
                reportedResults, cancelled, emitted, seenEventIds, finishedAt, finishedClockMillis, lastUpdateClockMillis);
    }

    CaseTimeline qcDecided(long at) {
        return new CaseTimeline(accessionId, receivedAt, accessionedAt, priority, at, orders, finalAt, reportedResults,
                cancelled, emitted, seenEventIds, finishedAt, finishedClockMillis, lastUpdateClockMillis);
    }

    CaseTimeline reported(long at, List<String> resultedOrders, long clock) {
        return new CaseTimeline(accessionId, receivedAt, accessionedAt, priority, firstQcAt, orders, at, resultedOrders,
                cancelled, emitted, seenEventIds, finished() ? finishedAt : Long.valueOf(at),
                finished() ? finishedClockMillis : Long.valueOf(clock), lastUpdateClockMillis);
    }

    CaseTimeline cancelled(long at, long clock) {
        return new CaseTimeline(accessionId, receivedAt, accessionedAt, priority, firstQcAt, orders, finalAt,
                reportedResults, true, emitted, seenEventIds, finished() ? finishedAt : Long.valueOf(at),
                finished() ? finishedClockMillis : Long.valueOf(clock), lastUpdateClockMillis);
    }

    CaseTimeline seen(String eventId, long clock) {
        List<String> ids = new ArrayList<>(seenEventIds);
        ids.add(eventId);
        return new CaseTimeline(accessionId, receivedAt, accessionedAt, priority, firstQcAt, orders, finalAt,
                reportedResults, cancelled, emitted, ids, finishedAt, finishedClockMillis, clock);
    }

    CaseTimeline emitted(String key) {
        Set<String> keys = new TreeSet<>(emitted);
        keys.add(key);
        return new CaseTimeline(accessionId, receivedAt, accessionedAt, priority, firstQcAt, orders, finalAt,
                reportedResults, cancelled, keys, seenEventIds, finishedAt, finishedClockMillis, lastUpdateClockMillis);
    }

    CaseTimeline withOrder(OrderTimeline order) {
        Map<String, OrderTimeline> updated = new TreeMap<>(orders);
        updated.put(order.orderId(), order);
        return new CaseTimeline(accessionId, receivedAt, accessionedAt, priority, firstQcAt, updated, finalAt,
                reportedResults, cancelled, emitted, seenEventIds, finishedAt, finishedClockMillis, lastUpdateClockMillis);
    }
}
