package org.ntrklab.tatmetrics.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ntrklab.tatmetrics.timeline.CaseTimeline;
import org.ntrklab.tatmetrics.timeline.OrderTimeline;
import org.ntrklab.tatmetrics.timeline.TatClerk;

/**
 * One case's clocks as the REST API shows them: when each milestone happened and, for a case still open,
 * how many working days have passed against its target.
 */
public record CaseTurnaroundView(String accessionId, String priority, Instant receivedAt, Instant accessionedAt,
        Instant firstQcDecisionAt, Instant finalReportAt, boolean cancelled, String stage, Double elapsedWorkingDays,
        double targetWorkingDays, boolean overdue, List<Order> orders, List<String> measuresWritten) {

    /** One assay order's clocks. */
    public record Order(String orderId, String assay, boolean reflex, Instant orderedAt, Instant runStartedAt,
            Instant resultedAt, Instant closedAt, Double elapsedWorkingDays, Double targetWorkingDays) {
    }

    /** @param now the time elapsed working days are measured to; null to leave them out */
    static CaseTurnaroundView of(CaseTimeline t, TatClerk clerk, Instant now) {
        boolean open = t.accessioned() && !t.finished() && now != null;
        List<Order> orders = new ArrayList<>();
        for (OrderTimeline o : t.orders().values()) {
            boolean running = open && o.orderedAt() != null && o.resultedAt() == null && o.closedAt() == null;
            orders.add(new Order(o.orderId(), o.assay() == null ? null : o.assay().name(), o.reflex(),
                    instant(o.orderedAt()), instant(o.runStartedAt()), instant(o.resultedAt()), instant(o.closedAt()),
                    running ? clerk.calendar().workingDaysBetween(Instant.ofEpochMilli(o.orderedAt()), now) : null,
                    o.assay() == null ? null : clerk.targets().test(o.assay()).orElse(null)));
        }
        Double elapsed = open ? clerk.calendar().workingDaysBetween(Instant.ofEpochMilli(t.receivedAt()), now) : null;
        return new CaseTurnaroundView(t.accessionId(), t.priority(), instant(t.receivedAt()), instant(t.accessionedAt()),
                instant(t.firstQcAt()), instant(t.finalAt()), t.cancelled(),
                clerk.stage(t).map(Enum::name).orElse(t.finished() ? "FINISHED" : "NOT_ACCESSIONED"), elapsed,
                clerk.targets().caseWorkingDays(), now != null && clerk.caseOverdue(t, now), orders,
                t.emitted().stream().filter(k -> !k.startsWith("OVERDUE")).toList());
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
