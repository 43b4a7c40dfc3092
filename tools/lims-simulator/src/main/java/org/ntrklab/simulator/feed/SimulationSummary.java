package org.ntrklab.simulator.feed;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportedFusion;
import org.ntrklab.simulator.feed.CaseOutcome.Stage;
import org.ntrklab.simulator.lab.GroundTruthCheck;
import org.ntrklab.simulator.lab.IntakeExpectation;

/**
 * The end of a run: what became of every case, checked against the simulator's ground truth, with the
 * wall-clock latency from receipt to FINAL report. Only reported cases are checked: a draft left unsigned for
 * a person at the sign-out desk has no report yet to be right or wrong.
 */
public final class SimulationSummary {

    private static final int LISTED_MISSES = 8;

    private final SimulationSettings settings;
    private final List<CaseOutcome> cases;
    private final List<String> leftForTheDesk;
    private final Duration elapsed;
    private final boolean complete;
    private final long recordsSent;
    private final long bytesSent;
    private final long recordsRead;
    private final long bytesRead;
    private final long sendFailures;
    private final long revisions;
    private final long commandRejections;
    private final long unhandled;
    private final long sendRetries;
    private final long readerPauses;
    private final List<String> problems;
    private final Histogram latencyMicros = new Histogram(TimeUnit.HOURS.toMicros(1), 3);

    private SimulationSummary(SimulationSettings settings, List<CaseOutcome> cases, List<String> leftForTheDesk,
            RunCounters counters, Duration elapsed, boolean complete) {
        this.settings = settings;
        this.cases = cases;
        this.leftForTheDesk = List.copyOf(leftForTheDesk);
        this.elapsed = elapsed;
        this.complete = complete;
        this.recordsSent = counters.recordsSent();
        this.bytesSent = counters.bytesSent();
        this.recordsRead = counters.recordsRead();
        this.bytesRead = counters.bytesRead();
        this.sendFailures = counters.sendFailures();
        this.revisions = counters.revisions();
        this.commandRejections = counters.commandRejections();
        this.unhandled = counters.unhandled();
        this.sendRetries = counters.sendRetries();
        this.readerPauses = counters.readerPauses();
        this.problems = counters.problems();
        for (CaseOutcome c : cases) {
            if (c.latencyNanos() >= 0) {
                latencyMicros.recordValue(Math.min(latencyMicros.getHighestTrackableValue(),
                        TimeUnit.NANOSECONDS.toMicros(c.latencyNanos())));
            }
        }
    }

    static SimulationSummary of(SimulationSettings settings, List<CaseOutcome> cases, List<String> leftForTheDesk,
            RunCounters counters, Duration elapsed, boolean complete) {
        return new SimulationSummary(settings, cases, leftForTheDesk, counters, elapsed, complete);
    }

    public List<CaseOutcome> cases() {
        return cases;
    }

    /** Accession ids of the cases whose drafts were left unsigned for a person, in the order they were drafted. */
    public List<String> leftForTheDesk() {
        return leftForTheDesk;
    }

    /** Every case finished before the timeout. */
    public boolean complete() {
        return complete;
    }

    public Duration elapsed() {
        return elapsed;
    }

    public long count(Stage stage) {
        return cases.stream().filter(c -> c.stage() == stage).count();
    }

    /** Cases with more than one FINAL report: must be none. */
    public long reportedTwice() {
        return cases.stream().filter(c -> c.finals() > 1).count();
    }

    /** Accessioned cases the LIMS had sent without a defect but that were rejected, or defective ones accepted. */
    public long intakeSurprises() {
        return cases.stream().filter(c -> (c.stage() == Stage.REJECTED)
                != (c.simulated().intake() == IntakeExpectation.REJECTED)).count();
    }

    public long verdicts(GroundTruthCheck.Kind kind) {
        return cases.stream().filter(c -> c.verdict() != null && c.verdict().kind() == kind).count();
    }

    public long sendFailures() {
        return sendFailures;
    }

    public long recordsSent() {
        return recordsSent;
    }

    public long recordsRead() {
        return recordsRead;
    }

    /** Mean size of the records the simulator wrote and read. */
    public int meanRecordBytes() {
        long records = recordsSent + recordsRead;
        return records == 0 ? 0 : (int) ((bytesSent + bytesRead) / records);
    }

    /** Receipt-to-FINAL latency at a percentile, in milliseconds. */
    public double latencyMillis(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** FINAL reports per wall second, first receipt to last report. */
    public double casesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : count(Stage.REPORTED) / seconds;
    }

    /** Nothing lost, nothing reported twice, nothing wrong against the ground truth. */
    public boolean clean() {
        return complete && reportedTwice() == 0 && verdicts(GroundTruthCheck.Kind.MISMATCH) == 0 && sendFailures == 0
                && intakeSurprises() == 0 && unhandled == 0;
    }

    public void print(PrintStream out) {
        long reported = count(Stage.REPORTED);
        out.printf("%n%s after %d s: %d cases (seed %d)%n", complete ? "Finished" : "STOPPED BEFORE THE END",
                elapsed.toSeconds(), cases.size(), settings.seed());
        out.printf("  intake:   %d accessioned, %d rejected (labelling defects as sent: %d), %d cancelled by the LIMS%n",
                cases.size() - count(Stage.REJECTED) - count(Stage.SENT), count(Stage.REJECTED),
                cases.stream().filter(c -> c.simulated().intake() == IntakeExpectation.REJECTED).count(),
                count(Stage.CANCELLED));
        Map<OverallCall, Long> calls = new EnumMap<>(OverallCall.class);
        Map<String, Long> fusions = new TreeMap<>();
        for (CaseOutcome c : cases) {
            if (c.call() != null) {
                calls.merge(c.call(), 1L, Long::sum);
                for (ReportedFusion f : c.fusions()) {
                    fusions.merge(f.getHgncName(), 1L, Long::sum);
                }
            }
        }
        out.printf("  reports:  %d FINAL %s; %d case(s) reported twice; %d amended or corrected%n", reported, calls,
                reportedTwice(), revisions);
        if (!leftForTheDesk.isEmpty()) {
            out.printf("  desk:     %d draft(s) left unsigned for a person to sign out: %s%n", leftForTheDesk.size(),
                    String.join(", ", leftForTheDesk));
        }
        out.printf("  fusions:  %s%n", fusions.isEmpty() ? "none" : fusions);
        long truePositives = cases.stream().filter(c -> c.simulated().fusionPresent() && c.call() != null).count();
        long found = cases.stream().filter(c -> c.simulated().fusionPresent() && c.call() == OverallCall.POSITIVE).count();
        out.printf("  truth:    %d match, %d missed within published method limits, %d WRONG; %d of %d reported"
                        + " fusion-positive tumours found%n",
                verdicts(GroundTruthCheck.Kind.MATCH), verdicts(GroundTruthCheck.Kind.EXPECTED_MISS),
                verdicts(GroundTruthCheck.Kind.MISMATCH), found, truePositives);
        // Every wrong report is listed; misses within method limits only as examples.
        int misses = 0;
        for (CaseOutcome c : cases) {
            GroundTruthCheck.Verdict v = c.verdict();
            if (v != null && (v.kind() == GroundTruthCheck.Kind.MISMATCH
                    || v.kind() == GroundTruthCheck.Kind.EXPECTED_MISS && ++misses <= LISTED_MISSES)) {
                out.printf("            %s %s: %s%n", c.accessionId(), v.kind(), v.detail());
            }
        }
        if (misses > LISTED_MISSES) {
            out.printf("            ... and %d more misses within method limits%n", misses - LISTED_MISSES);
        }
        if (reported > 0) {
            out.printf("  latency:  receipt sent -> FINAL read, wall clock: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms,"
                    + " max %.0f ms%n", latencyMillis(50), latencyMillis(90), latencyMillis(99), latencyMillis(100));
        }
        out.printf("  traffic:  %d records written, %d read, mean %d bytes%s%n", recordsSent, recordsRead,
                meanRecordBytes(), sendRetries + readerPauses == 0 ? ""
                        : String.format("; waited for Kafka or the registry %d times sending, %d times reading",
                                sendRetries, readerPauses));
        List<String> stuck = new ArrayList<>();
        for (CaseOutcome c : cases) {
            if (!c.finished()) {
                stuck.add(c.simulated().specimenId() + (c.accessionId() == null ? "" : "/" + c.accessionId()) + " "
                        + c.stage());
            }
        }
        if (!stuck.isEmpty()) {
            out.printf("  UNFINISHED: %d case(s), e.g. %s%n", stuck.size(), stuck.subList(0, Math.min(10, stuck.size())));
        }
        if (sendFailures > 0 || unhandled > 0 || commandRejections > 0) {
            out.printf("  problems: %d send failures, %d unreadable answers, %d refused report commands%n", sendFailures,
                    unhandled, commandRejections);
            problems.forEach(p -> out.println("            " + p));
        }
    }
}
