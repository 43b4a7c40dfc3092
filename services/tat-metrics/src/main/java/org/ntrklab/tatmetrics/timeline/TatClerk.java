package org.ntrklab.tatmetrics.timeline;

import org.ntrklab.platform.cases.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
    public Decision<CaseTimeline, TatOutput> record(CaseTimeline current, String accessionId, Milestone m, long clockMillis) {
        CaseTimeline t = current == null ? CaseTimeline.open(accessionId, clockMillis) : current;
        boolean identified = m.eventId() != null && !m.eventId().isBlank();
        if (identified && t.seenEventIds().contains(m.eventId())) {
            return Decision.unchanged("unchanged");
        }
        t = apply(identified ? t.seen(m.eventId(), clockMillis) : t, m, clockMillis);
        List<TatOutput> outputs = new ArrayList<>();
        t = derive(t, outputs);
        return Decision.keep(t, outputs, "milestone");
    }

    private CaseTimeline apply(CaseTimeline t, Milestone m, long clock) {
        long at = m.occurredAt().toEpochMilli();
        switch (m.kind()) {
            case ACCESSIONED -> {
                return t.accessioned() ? t : t.accessioned(m.receivedAt().toEpochMilli(), at, m.priority());
            }
            case ACCESSION_CANCELLED -> {
                return t.cancelled(at, clock);
            }
            case QC_DECIDED -> {
                // The first decision to arrive ends the QC phase (and is what the case view shows).
                return t.firstQcAt() == null ? t.qcDecided(at) : t;
            }
            case FINAL_REPORT -> {
                return t.finalAt() != null ? t : t.reported(at, m.reportedResults(), clock);
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
        // Post-analytic time runs from the last result the report is based on: the orders the FINAL report
        // lists as resulted. Results travel on another topic than reports and may arrive after the report,
        // so the phase waits until each of them has arrived; the arrival order then does not matter.
        if (t.finalAt() != null) {
            Map<String, OrderTimeline> orders = t.orders();
            long signedOut = t.finalAt();
            boolean ready;
            List<String> basis;
            if (t.reportedResults() != null) {
                basis = t.reportedResults();
                ready = basis.stream().allMatch(id -> orders.containsKey(id) && orders.get(id).resultedAt() != null);
            } else {
                // A report that does not list its orders: wait until no known order is still open.
                basis = orders.values().stream().filter(o -> o.resultedAt() != null).map(OrderTimeline::orderId).toList();
                ready = orders.values().stream().noneMatch(OrderTimeline::open);
            }
            OptionalLong lastResult = !ready ? OptionalLong.empty() : basis.stream()
                    .mapToLong(id -> orders.get(id).resultedAt()).filter(at -> at <= signedOut).max();
            if (lastResult.isPresent()) {
                t = measure(t, outputs, TurnaroundMeasure.POST_ANALYTIC, null, null, lastResult.getAsLong(), signedOut,
                        null);
            }
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
     *
     * @param now the time overdue work is measured against
     * @param clockMillis the service's clock, for retention counted from when the case finished here
     * @param streamTimeMillis the latest event time seen, for retention counted in event time, so that a
     *     replay of old history does not keep all of it for a whole retention period
     * @param flagOverdue false while the service is catching up on old input: cases whose report has not
     *     been read yet must not be flagged against today's date
     */
    public Decision<CaseTimeline, TatOutput> tick(CaseTimeline t, Instant now, long clockMillis, long streamTimeMillis, boolean flagOverdue) {
        if (t.finished()) {
            boolean expired = clockMillis - t.finishedClockMillis() >= retention.toMillis()
                    || (t.finishedAt() != null && streamTimeMillis - t.finishedAt() >= retention.toMillis());
            return expired ? Decision.forget(List.of(), "evicted") : Decision.unchanged("kept");
        }
        if (!t.accessioned()) {
            boolean expired = clockMillis - t.lastUpdateClockMillis() >= retention.toMillis();
            return expired ? Decision.forget(List.of(), "evicted") : Decision.unchanged("kept");
        }
        if (!flagOverdue) {
            return Decision.unchanged("unchanged");
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
        return Decision.keep(outputs.isEmpty() ? null : updated, outputs, outputs.isEmpty() ? "kept" : "overdue");
    }

    /** {@link #tick(CaseTimeline, Instant, long, long, boolean)} for a service that is up to date. */
    public Decision<CaseTimeline, TatOutput> tick(CaseTimeline t, Instant now, long clockMillis) {
        return tick(t, now, clockMillis, Long.MIN_VALUE / 2, true);
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
