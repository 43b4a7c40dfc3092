package org.ntrklab.simulator.load;

import java.time.Duration;
import org.ntrklab.simulator.feed.CaseOutcome.Stage;
import org.ntrklab.simulator.feed.SimulationSummary;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A load run's figures as one line of JSON, for scripts that compare runs: the same figures as the
 * human-readable ones, in fixed units (seconds, milliseconds, bytes), with null for what was not measured.
 *
 * @param receiptToFinal null when no case was reported
 * @param peakMemory null when not measured
 * @param stackReady null when not known
 * @param baseline null when the baseline could not be measured, and then {@code baselineError} says why
 */
record LoadLine(double offeredCasesPerSecond, Duration duration, int cases, long reportedCases, Duration elapsed,
        double achievedCasesPerSecond, Latency receiptToFinal, LoadBenchmark.PeakMemory peakMemory,
        Duration stackReady, long records, int meanRecordBytes, RawKafkaBaseline.Result baseline,
        String baselineError, boolean clean) {

    /** What scripts look for to tell this line from the rest of the output. */
    static final String BENCHMARK = "load";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Receipt-to-FINAL latency percentiles, in milliseconds. */
    record Latency(double p50, double p95, double p99, double max) {
    }

    static LoadLine of(LoadBenchmark.Figures f, LoadBenchmark.Settings settings) {
        SimulationSummary s = f.summary();
        long reported = s.count(Stage.REPORTED);
        Latency latency = reported == 0 ? null : new Latency(s.latencyMillis(50), s.latencyMillis(95),
                s.latencyMillis(99), s.latencyMillis(100));
        return new LoadLine(settings.casesPerSecond(), settings.duration(), s.cases().size(), reported, s.elapsed(),
                s.casesPerSecond(), latency, f.peakMemory(), settings.stackReady(), f.records(), s.meanRecordBytes(),
                f.baseline(), f.baselineError(), s.clean());
    }

    /** The ratio of {@link LoadBenchmark.Figures#ratio()}, or null without a baseline. */
    Double ratio() {
        return baseline == null || records == 0 ? null : baseline.ratio(elapsed, records);
    }

    String json() {
        ObjectNode line = JSON.createObjectNode();
        line.put("benchmark", BENCHMARK);
        line.put("offeredCasesPerSecond", round(offeredCasesPerSecond));
        line.put("durationSeconds", seconds(duration));
        line.put("cases", cases);
        line.put("reportedCases", reportedCases);
        line.put("elapsedSeconds", seconds(elapsed));
        line.put("achievedCasesPerSecond", round(achievedCasesPerSecond));
        if (receiptToFinal == null) {
            line.putNull("receiptToFinalMillis");
        } else {
            ObjectNode latency = line.putObject("receiptToFinalMillis");
            latency.put("p50", round(receiptToFinal.p50()));
            latency.put("p95", round(receiptToFinal.p95()));
            latency.put("p99", round(receiptToFinal.p99()));
            latency.put("max", round(receiptToFinal.max()));
        }
        if (peakMemory == null) {
            line.putNull("peakResidentBytes");
        } else {
            ObjectNode memory = line.putObject("peakResidentBytes");
            memory.put("total", peakMemory.total());
            memory.put("stack", peakMemory.process());
            memory.put("children", peakMemory.children());
        }
        if (stackReady == null) {
            line.putNull("stackReadySeconds");
        } else {
            line.put("stackReadySeconds", seconds(stackReady));
        }
        line.put("records", records);
        line.put("meanRecordBytes", meanRecordBytes);
        ObjectNode raw = line.putObject("rawKafka");
        if (baseline == null) {
            raw.putNull("recordsPerSecond");
            raw.putNull("records");
            raw.putNull("passes");
            raw.putNull("seconds");
            raw.put("error", baselineError == null ? "not measured" : baselineError);
        } else {
            raw.put("recordsPerSecond", round(baseline.recordsPerSecond()));
            raw.put("records", baseline.records());
            raw.put("passes", baseline.passes());
            raw.put("seconds", seconds(baseline.elapsed()));
            raw.putNull("error");
        }
        Double ratio = ratio();
        if (ratio == null) {
            line.putNull("ratio");
        } else {
            line.put("ratio", round(ratio));
        }
        line.put("clean", clean);
        return JSON.writeValueAsString(line);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** Three decimals are more than any of these figures can tell. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
