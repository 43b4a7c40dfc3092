package org.ntrklab.tatmetrics.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.TurnaroundMeasure;
import org.ntrklab.tatmetrics.calendar.LabCalendar;

/**
 * Keeps a case's timeline and writes each turnaround measure once, as soon as both its ends are known,
 * whatever order the events arrive in. All measures use event time only, so replaying the topics gives
 * the same measures. Pure: the caller stores the returned timeline and writes the returned events.
 *
 * <p>Measures (DESIGN of the lab's TAT, CAP/IASLC/AMP 2018 for the case clock): CASE receipt -> FINAL report;
 * TEST order -> result per order; PRE_ANALYTIC receipt -> accessioned; QC accessioned -> first QC decision;
 * ANALYTIC run started -> result; REFLEX_DELAY triggering result -> reflex order; POST_ANALYTIC last result
 * -> FINAL report.
 */
public final class TatClerk {

    private final LabCalendar calendar;
    private final TurnaroundTargets targets;
    private final Duration retention;

    /** @param retention how long a finished case (or one that never started) is kept before it is forgotten */
    public TatClerk(LabCalendar calendar, TurnaroundTargets targets, Duration retention) {
        this.calendar = calendar;
        this.targets = targets;
        this.retention = retention;
    }

    public LabCalendar calendar() {
        return calendar;
    }

    public TurnaroundTargets targets() {
        return targets;
    }

    /**
     * @param clockMillis the service's clock (wall or stream time), used only for eviction
     */
    public ClerkStep record(CaseTimeline current, String accessionId, Milestone m, long clockMillis) {
        CaseTimeline t = current == null ? CaseTimeline.open(accessionId, clockMillis) : current;
        if (t.seenEventIds().contains(m.eventId())) {
            return new ClerkStep(null, false, List.of());
        }
        t = apply(t.seen(m.eventId(), clockMillis), m, clockMillis);
        List<TatOutput> outputs = new ArrayList<>();
        t = derive(t, outputs);
        return new ClerkStep(t, false, outputs);
    }

    private CaseTimeline apply(CaseTimeline t, Milestone m, long clock) {
        long at = m.occurredAt().toEpochMilli();
        switch (m.kind()) {
            case ACCESSIONED -> {
                if (t.accessioned()) {
                    return t;
                }
                return t.with(m.receivedAt().toEpochMilli(), at, m.priority(), t.firstQcAt(), t.orders(), t.finalAt(),
                        t.cancelled(), t.finishedClockMillis());
            }
            case ACCESSION_CANCELLED -> {
                return t.with(t.receivedAt(), t.accessionedAt(), t.priority(), t.firstQcAt(), t.orders(), t.finalAt(),
                        true, t.finished() ? t.finishedClockMillis() : clock);
            }
            case QC_DECIDED -> {
                Long first = t.firstQcAt() == null || at < t.firstQcAt() ? Long.valueOf(at) : t.firstQcAt();
                return t.with(t.receivedAt(), t.accessionedAt(), t.priority(), first, t.orders(), t.finalAt(),
                        t.cancelled(), t.finishedClockMillis());
            }
            case FINAL_REPORT -> {
                if (t.finalAt() != null) {
                    return t;
                }
                return t.with(t.receivedAt(), t.accessionedAt(), t.priority(), t.firstQcAt(), t.orders(), at,
                        t.cancelled(), t.finished() ? t.finishedClockMillis() : clock);
            }
            default -> {
                OrderTimeline order = t.orders().getOrDefault(m.orderId(), OrderTimeline.unknown(m.orderId(), m.assay()));
                OrderTimeline updated = switch (m.kind()) {
                    case ORDERED -> order.orderedAt() == null ? order.ordered(m) : order;
                    case RUN_STARTED -> order.runStarted(at);
                    case RESULTED -> order.resulted(at);
                    case ORDER_CLOSED -> order.closed(at);
                    default -> throw new IllegalArgumentException("not an order milestone: " + m.kind());
                };
                return t.withOrder(updated);
            }
        }
    }

    /** Writes every measure whose two ends are now known and that was not written before. */
    private CaseTimeline derive(CaseTimeline t, List<TatOutput> outputs) {
        if (!t.accessioned()) {
            // Nothing is measured before the accession: the case clock and the priority come from it.
            return t;
        }
        t = measure(t, outputs, TurnaroundMeasure.PRE_ANALYTIC, null, null, t.receivedAt(), t.accessionedAt(), null);
        t = measure(t, outputs, TurnaroundMeasure.QC, null, null, t.accessionedAt(), t.firstQcAt(), null);
        for (OrderTimeline o : t.orders().values()) {
            Double target = targets.test(o.assay()).orElse(null);
            t = measure(t, outputs, TurnaroundMeasure.TEST, o.assay(), o.orderId(), o.orderedAt(), o.resultedAt(), target);
            t = measure(t, outputs, TurnaroundMeasure.ANALYTIC, o.assay(), o.orderId(), o.runStartedAt(), o.resultedAt(),
                    null);
            if (o.reflex() && o.triggeredByOrderId() != null) {
                OrderTimeline trigger = t.orders().get(o.triggeredByOrderId());
                Long triggerResult = trigger == null ? null : trigger.resultedAt();
                t = measure(t, outputs, TurnaroundMeasure.REFLEX_DELAY, o.assay(), o.orderId(), triggerResult,
                        o.orderedAt(), null);
            }
        }
        // Post-analytic time runs from the last result, so it waits until every known order has its result
        // or is closed: results and reports travel on different topics and may arrive after the report.
        boolean allOrdersDone = t.orders().values().stream().noneMatch(OrderTimeline::open);
        if (t.finalAt() != null && allOrdersDone) {
            Long lastResult = null;
            for (OrderTimeline o : t.orders().values()) {
                if (o.resultedAt() != null && o.resultedAt() <= t.finalAt()
                        && (lastResult == null || o.resultedAt() > lastResult)) {
                    lastResult = o.resultedAt();
                }
            }
            t = measure(t, outputs, TurnaroundMeasure.POST_ANALYTIC, null, null, lastResult, t.finalAt(), null);
        }
        if (t.finalAt() != null) {
            t = measure(t, outputs, TurnaroundMeasure.CASE, null, null, t.receivedAt(), t.finalAt(),
                    targets.caseWorkingDays());
        }
        return t;
    }

    private CaseTimeline measure(CaseTimeline t, List<TatOutput> outputs, TurnaroundMeasure measure, AssayType assay,
            String orderId, Long start, Long end, Double target) {
        if (start == null || end == null) {
            return t;
        }
        Instant from = Instant.ofEpochMilli(start);
        Instant to = Instant.ofEpochMilli(Math.max(start, end));
        double workingDays = calendar.workingDaysBetween(from, to);
        TatOutput.Measured measured = new TatOutput.Measured(measure, assay, orderId, from, to,
                Duration.between(from, to).toSeconds(), workingDays, target,
                target == null ? null : workingDays <= target, t.priority());
        if (t.emitted().contains(measured.key())) {
            return t;
        }
        outputs.add(measured);
        return t.emitted(measured.key());
    }

    /**
     * The clock's regular look at a case: flags open intervals past their target, once each, and says
     * whether a finished (or never started) case may be forgotten.
     */
    public ClerkStep tick(CaseTimeline t, Instant now, long clockMillis) {
        if (t.finished()) {
            boolean expired = clockMillis - t.finishedClockMillis() >= retention.toMillis();
            return new ClerkStep(null, expired, List.of());
        }
        if (!t.accessioned()) {
            boolean expired = clockMillis - t.lastUpdateClockMillis() >= retention.toMillis();
            return new ClerkStep(null, expired, List.of());
        }
        List<TatOutput> outputs = new ArrayList<>();
        CaseTimeline updated = t;
        Optional<TatOutput.Overdue> caseOverdue = overdue(TurnaroundMeasure.CASE, null, null, t.receivedAt(),
                targets.caseWorkingDays(), now);
        if (caseOverdue.isPresent() && !updated.emitted().contains(caseOverdue.get().key())) {
            outputs.add(caseOverdue.get());
            updated = updated.emitted(caseOverdue.get().key());
        }
        for (OrderTimeline o : t.orders().values()) {
            if (!o.open() || o.orderedAt() == null) {
                continue;
            }
            Optional<Double> target = targets.test(o.assay());
            if (target.isEmpty()) {
                continue;
            }
            Optional<TatOutput.Overdue> testOverdue = overdue(TurnaroundMeasure.TEST, o.assay(), o.orderId(),
                    o.orderedAt(), target.get(), now);
            if (testOverdue.isPresent() && !updated.emitted().contains(testOverdue.get().key())) {
                outputs.add(testOverdue.get());
                updated = updated.emitted(testOverdue.get().key());
            }
        }
        return new ClerkStep(outputs.isEmpty() ? null : updated, false, outputs);
    }

    private Optional<TatOutput.Overdue> overdue(TurnaroundMeasure measure, AssayType assay, String orderId, long start,
            double target, Instant now) {
        double elapsed = calendar.workingDaysBetween(Instant.ofEpochMilli(start), now);
        return elapsed > target
                ? Optional.of(new TatOutput.Overdue(measure, assay, orderId, Instant.ofEpochMilli(start), target, elapsed, now))
                : Optional.empty();
    }

    /** Whether the open case's own clock is past its target now. */
    public boolean caseOverdue(CaseTimeline t, Instant now) {
        return t.accessioned() && !t.finished()
                && calendar.workingDaysBetween(Instant.ofEpochMilli(t.receivedAt()), now) > targets.caseWorkingDays();
    }

    /** Open orders of the case whose test clock is past its target now. */
    public long testsOverdue(CaseTimeline t, Instant now) {
        if (!t.accessioned() || t.finished()) {
            return 0;
        }
        return t.orders().values().stream()
                .filter(o -> o.open() && o.orderedAt() != null && targets.test(o.assay()).isPresent())
                .filter(o -> calendar.workingDaysBetween(Instant.ofEpochMilli(o.orderedAt()), now)
                        > targets.test(o.assay()).get())
                .count();
    }

    /** Where an open case is; empty for a finished case or one not yet accessioned. */
    public Optional<CaseStage> stage(CaseTimeline t) {
        if (!t.accessioned() || t.finished()) {
            return Optional.empty();
        }
        if (!t.orders().isEmpty()) {
            return Optional.of(t.orders().values().stream().anyMatch(OrderTimeline::open) ? CaseStage.TESTING
                    : CaseStage.REPORTING);
        }
        return Optional.of(t.firstQcAt() == null ? CaseStage.QC : CaseStage.ORDERING);
    }
}
