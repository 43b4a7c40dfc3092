package org.ntrklab.tatmetrics;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.ntrklab.tatmetrics.timeline.CaseStage;
import org.ntrklab.tatmetrics.timeline.CaseTimeline;
import org.ntrklab.tatmetrics.timeline.TatClerk;

/** One task's count of open cases by stage and of overdue cases and tests, for the gauges. */
final class WorkInProgress {

    private final TatClerk clerk;
    private final Instant now;
    private final Map<CaseStage, Long> byStage = new EnumMap<>(CaseStage.class);
    private long casesOverdue;
    private long testsOverdue;

    WorkInProgress(TatClerk clerk, Instant now) {
        this.clerk = clerk;
        this.now = now;
    }

    void count(CaseTimeline t) {
        clerk.stage(t).ifPresent(stage -> byStage.merge(stage, 1L, Long::sum));
        casesOverdue += clerk.caseOverdue(t, now) ? 1 : 0;
        testsOverdue += clerk.testsOverdue(t, now);
    }

    /** @param live false while catching up on old input: nothing is reported overdue then */
    void report(TatMetrics metrics, String task, boolean live) {
        metrics.snapshot(task, byStage, live ? casesOverdue : 0, live ? testsOverdue : 0);
    }
}
