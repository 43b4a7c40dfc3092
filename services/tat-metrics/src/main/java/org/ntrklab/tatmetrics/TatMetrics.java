package org.ntrklab.tatmetrics;

import org.ntrklab.platform.cases.CaseMetrics;
import org.ntrklab.platform.streams.TaskCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.Priority;
import org.ntrklab.events.TurnaroundMeasure;
import org.ntrklab.tatmetrics.timeline.CaseStage;
import org.ntrklab.tatmetrics.timeline.TatOutput;
import org.ntrklab.tatmetrics.timeline.TurnaroundTargets;

/**
 * Turnaround metrics for Prometheus. Histograms have buckets at the targets (SLA boundaries), so
 * {@code histogram_quantile} and "share within target" work across instances; gauges of open and overdue
 * cases are the sum of this instance's tasks, each refreshed by its overdue check. Labels: measure, assay,
 * priority, stage; never an accession id.
 */
public final class TatMetrics implements CaseMetrics<TatLogic.Written> {

    static final String WORKING_DAYS = "ntrk.turnaround.working.days";
    static final String CALENDAR = "ntrk.turnaround";
    static final String BREACHES = "ntrk.turnaround.breaches";
    static final String OVERDUE_FLAGS = "ntrk.turnaround.overdue.flags";
    static final String IN_PROGRESS = "ntrk.cases.in.progress";
    static final String OVERDUE = "ntrk.cases.overdue";
    static final String INPUTS = "ntrk.turnaround.inputs";
    static final String HISTORIC = "ntrk.turnaround.historic";
    static final String CHECK_FAILURES = "ntrk.turnaround.check.failures";
    static final String NO_ASSAY = "none";

    private static final Duration[] CALENDAR_BUCKETS = {Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8),
        Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7),
        Duration.ofDays(10), Duration.ofDays(14), Duration.ofDays(21), Duration.ofDays(30)};

    private final MeterRegistry registry;
    private final double[] workingDayBuckets;
    /** Per task: open cases by stage, then cases and tests past their target; see {@link TatLogic#workInProgress}. */
    private final TaskCounts work = new TaskCounts(CaseStage.values().length + 2);

    public TatMetrics(MeterRegistry registry, TurnaroundTargets targets) {
        this.registry = registry;
        TreeSet<Double> buckets = new TreeSet<>(java.util.List.of(1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 15.0, 20.0, 30.0));
        buckets.add(targets.caseWorkingDays());
        buckets.addAll(targets.testWorkingDays().values());
        workingDayBuckets = buckets.stream().mapToDouble(Double::doubleValue).toArray();
        for (CaseStage stage : CaseStage.values()) {
            Gauge.builder(IN_PROGRESS, work, w -> w.sum(stage.ordinal()))
                    .description("Open cases by stage").tag("stage", stage.name()).register(registry);
        }
        int stages = CaseStage.values().length;
        Gauge.builder(OVERDUE, work, w -> w.sum(stages))
                .description("Open cases past their turnaround target").tag("measure", "CASE").register(registry);
        Gauge.builder(OVERDUE, work, w -> w.sum(stages + 1))
                .description("Open tests past their turnaround target").tag("measure", "TEST").register(registry);
        // The series alert rules and dashboards divide by exist from start-up.
        for (Priority priority : Priority.values()) {
            workingDays(TurnaroundMeasure.CASE, NO_ASSAY, priority.name());
            for (AssayType assay : AssayType.values()) {
                workingDays(TurnaroundMeasure.TEST, assay.name(), priority.name());
            }
        }
        Counter.builder(CHECK_FAILURES).description("Cases whose regular turnaround check failed").register(registry);
        breaches(TurnaroundMeasure.CASE, NO_ASSAY);
        for (AssayType assay : AssayType.values()) {
            breaches(TurnaroundMeasure.TEST, assay.name());
        }
    }

    @Override
    public MeterRegistry registry() {
        return registry;
    }

    void measured(TatOutput.Measured m) {
        String assay = m.assay() == null ? NO_ASSAY : m.assay().name();
        String priority = m.priority() == null ? "UNKNOWN" : m.priority();
        workingDays(m.measure(), assay, priority).record(m.workingDays());
        Timer.builder(CALENDAR).description("Turnaround in calendar time, by measure")
                .tag("measure", m.measure().name()).tag("assay", assay)
                .serviceLevelObjectives(CALENDAR_BUCKETS).register(registry)
                .record(Duration.ofSeconds(m.calendarSeconds()));
        if (Boolean.FALSE.equals(m.withinTarget())) {
            breaches(m.measure(), assay).increment();
        }
    }

    /** A measure that ended before the metrics window: on the topic, but not in today's histograms. */
    void historic(TatOutput.Measured m) {
        Counter.builder(HISTORIC).description("Measures written while catching up on history, not in the histograms")
                .tag("measure", m.measure().name()).register(registry).increment();
    }

    void checkFailed() {
        Counter.builder(CHECK_FAILURES).description("Cases whose regular turnaround check failed")
                .register(registry).increment();
    }

    void overdue(TatOutput.Overdue o) {
        Counter.builder(OVERDUE_FLAGS).description("Open cases and tests flagged past their target")
                .tag("measure", o.measure().name()).tag("assay", o.assay() == null ? NO_ASSAY : o.assay().name())
                .register(registry).increment();
    }

    @Override
    public void written(TatLogic.Written written) {
        if (written.output() instanceof TatOutput.Measured m) {
            if (written.current()) {
                measured(m);
            } else {
                historic(m);
            }
        } else {
            overdue((TatOutput.Overdue) written.output());
        }
    }

    @Override
    public void housekeepingFailed() {
        checkFailed();
    }

    /** Lifecycle events by topic; the regular checks are not input and are not counted here. */
    @Override
    public void input(String topic, String outcome) {
        if ("housekeeping".equals(topic)) {
            return;
        }
        Counter.builder(INPUTS).description("Lifecycle events read, by whether they move a turnaround clock")
                .tag("topic", topic).tag("outcome", outcome).register(registry).increment();
    }

    /** The per-task counts the work-in-progress gauges read. */
    TaskCounts workInProgress() {
        return work;
    }

    private DistributionSummary workingDays(TurnaroundMeasure measure, String assay, String priority) {
        return DistributionSummary.builder(WORKING_DAYS)
                .description("Turnaround in the lab's working days, with buckets at the targets")
                .tag("measure", measure.name()).tag("assay", assay).tag("priority", priority)
                .serviceLevelObjectives(workingDayBuckets).register(registry);
    }

    private Counter breaches(TurnaroundMeasure measure, String assay) {
        return Counter.builder(BREACHES).description("Finished cases and tests that missed their target")
                .tag("measure", measure.name()).tag("assay", assay).register(registry);
    }
}
