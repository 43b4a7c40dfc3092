package org.ntrklab.tatmetrics;

import java.time.Instant;
import java.util.List;
import org.ntrklab.platform.cases.CaseContext;
import org.ntrklab.platform.cases.CaseGauge;
import org.ntrklab.platform.cases.CaseLogic;
import org.ntrklab.platform.cases.Decision;
import org.ntrklab.platform.streams.TaskCounts;
import org.ntrklab.tatmetrics.timeline.CaseStage;
import org.ntrklab.tatmetrics.timeline.CaseTimeline;
import org.ntrklab.tatmetrics.timeline.Milestone;
import org.ntrklab.tatmetrics.timeline.TatClerk;
import org.ntrklab.tatmetrics.timeline.TatOutput;

/**
 * The clerk's work on the service's clock: each milestone moves a case's timeline, and each regular check
 * flags overdue work and evicts finished cases. On the wall clock, input whose event time lies further
 * behind than the catch-up lag means the service is catching up, and overdue flags wait.
 */
final class TatLogic implements CaseLogic<Milestone, CaseTimeline, TatLogic.Written> {

    /**
     * An output with what its event needs besides the clerk's content.
     *
     * @param causationId the milestone's event id, or null for what a check found
     * @param current false for a measure that ended before the metrics window: written to the topic, but not
     *     recorded in today's histograms
     */
    record Written(TatOutput output, String causationId, boolean current) {
    }

    private final TatClerk clerk;
    private final TatSettings settings;

    TatLogic(TatClerk clerk, TatSettings settings) {
        this.clerk = clerk;
        this.settings = settings;
    }

    @Override
    public Decision<CaseTimeline, Written> decide(String accessionId, CaseTimeline timeline, Milestone milestone,
            CaseContext context) {
        Decision<CaseTimeline, TatOutput> step = clerk.record(timeline, accessionId, milestone, context.now());
        return new Decision<>(step.state(), step.delete(), written(step.outputs(), milestone.eventId(), context),
                "milestone");
    }

    @Override
    public Decision<CaseTimeline, Written> housekeep(String accessionId, CaseTimeline timeline, CaseContext context) {
        long streamTime = context.latestEventTime() == CaseContext.NO_EVENT_TIME ? Long.MIN_VALUE / 2
                : context.latestEventTime();
        Decision<CaseTimeline, TatOutput> step = clerk.tick(timeline, Instant.ofEpochMilli(context.now()),
                context.now(), streamTime, live(context));
        return new Decision<>(step.state(), step.delete(), written(step.outputs(), null, context), step.outcome());
    }

    /** Open cases by stage, then cases and tests past their target (none while catching up). */
    CaseGauge.Swept<CaseTimeline> workInProgress(TaskCounts counts) {
        int stages = CaseStage.values().length;
        return new CaseGauge.Swept<>(counts, (timeline, context) -> {
            long[] slots = new long[stages + 2];
            clerk.stage(timeline).ifPresent(stage -> slots[stage.ordinal()]++);
            if (live(context)) {
                Instant now = Instant.ofEpochMilli(context.now());
                slots[stages] = clerk.caseOverdue(timeline, now) ? 1 : 0;
                slots[stages + 1] = clerk.testsOverdue(timeline, now);
            }
            return slots;
        });
    }

    private boolean live(CaseContext context) {
        return streamTime() || context.inputLag() <= settings.catchUpLag().toMillis();
    }

    private boolean streamTime() {
        return settings.clock() == TatSettings.Clock.STREAM_TIME;
    }

    private List<Written> written(List<TatOutput> outputs, String causationId, CaseContext context) {
        return outputs.stream().map(o -> new Written(o, causationId, current(o, context))).toList();
    }

    private boolean current(TatOutput output, CaseContext context) {
        return !(output instanceof TatOutput.Measured m) || streamTime()
                || context.wallClock() - m.endedAt().toEpochMilli() <= settings.metricsWindow().toMillis();
    }
}
