package org.ntrklab.simulator.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.ntrklab.simulator.feed.LabSimulation;
import org.ntrklab.simulator.feed.SimulationSettings;
import org.ntrklab.simulator.feed.SimulationSummary;

/**
 * The load mode: receipts at a target rate for a while, every lab step answered at once, each case timed
 * from its receipt going out to its FINAL report coming back. In the same run and on the same broker, the
 * same records (count and mean size) are moved through Kafka with no processing, so the figures can be read
 * as a ratio on any machine. Prints its figures, for people and as one JSON line for scripts; asserts nothing.
 */
public final class LoadBenchmark {

    /**
     * @param stackPid process whose resident memory is the lab stack's (with its children), e.g. this JVM
     *     when the simulator runs inside the lab stack
     * @param stackReady how long the lab stack took to be ready, or null when not known
     */
    public record Settings(SimulationSettings simulation, double casesPerSecond, Duration duration, long stackPid,
            Duration stackReady) {

        /** Without the stack's ready time, e.g. when the stack was started elsewhere. */
        public Settings(SimulationSettings simulation, double casesPerSecond, Duration duration, long stackPid) {
            this(simulation, casesPerSecond, duration, stackPid, null);
        }
    }

    /**
     * The highest resident memory seen during the run, in bytes: of the stack's process with its children, of the
     * process alone and of its children alone (in the lab stack, the schema registry), each at its own peak.
     */
    public record PeakMemory(long total, long process, long children) {
    }

    /**
     * The figures of one run.
     *
     * @param peakMemory null when not measured
     * @param baseline null when the baseline could not be measured, and then {@code baselineError} says why
     */
    public record Figures(SimulationSummary summary, PeakMemory peakMemory, RawKafkaBaseline.Result baseline,
            String baselineError) {

        /** The records the run wrote and read. */
        public long records() {
            return summary.recordsSent() + summary.recordsRead();
        }

        /**
         * How many times longer the pipeline took than Kafka alone with the same records (equally: per case, than
         * Kafka alone with one case's records), NaN without a baseline. See {@link RawKafkaBaseline.Result#ratio}.
         */
        public double ratio() {
            return baseline == null ? Double.NaN : baseline.ratio(summary.elapsed(), records());
        }
    }

    private LoadBenchmark() {
    }

    public static Figures run(Settings settings, PrintStream out) {
        SimulationSettings s = settings.simulation();
        out.printf("Load: %.0f cases/s for %d s (%d cases), lab steps answered at once%n", settings.casesPerSecond(),
                settings.duration().toSeconds(), s.cases());
        AtomicLong peakTotal = new AtomicLong(-1);
        AtomicLong peakProcess = new AtomicLong(-1);
        AtomicLong peakChildren = new AtomicLong(-1);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                ProcessMemory.resident(settings.stackPid()).ifPresent(r -> {
                    peakTotal.accumulateAndGet(r.total(), Math::max);
                    peakProcess.accumulateAndGet(r.process(), Math::max);
                    peakChildren.accumulateAndGet(r.children(), Math::max);
                });
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
        SimulationSummary summary;
        try (LabSimulation lab = new LabSimulation(s).start()) {
            summary = lab.awaitCompletion(line -> out.println(line));
        } finally {
            sampler.interrupt();
        }
        summary.print(out);
        long records = summary.recordsSent() + summary.recordsRead();
        out.printf("%nRaw Kafka baseline: %d records of %d bytes, produced (idempotent, acks=all) and read back"
                + " (read_committed), no processing, repeated for at least %d s ...%n", records,
                summary.meanRecordBytes(), RawKafkaBaseline.MINIMUM_DURATION.toSeconds());
        RawKafkaBaseline.Result baseline = null;
        String baselineError = null;
        try {
            baseline = RawKafkaBaseline.run(s.kafkaClientConfig(), records, summary.meanRecordBytes(),
                    s.topics().partitions());
        } catch (RuntimeException e) {
            // The pipeline's own figures still stand; only the ratio is missing.
            baselineError = e.getMessage();
            out.printf("The baseline could not be measured: %s%n", baselineError);
        }
        PeakMemory peak = peakTotal.get() < 0 ? null
                : new PeakMemory(peakTotal.get(), peakProcess.get(), peakChildren.get());
        Figures figures = new Figures(summary, peak, baseline, baselineError);
        print(figures, settings, out);
        // The same figures for scripts, on one line of their own after the human-readable ones.
        out.println(LoadLine.of(figures, settings).json());
        return figures;
    }

    private static void print(Figures f, Settings settings, PrintStream out) {
        SimulationSummary s = f.summary();
        out.printf("%n== Load figures%n");
        out.printf("  target rate             %8.0f cases/s%n", settings.casesPerSecond());
        out.printf("  achieved, end to end    %8.0f cases/s (FINAL reports per second, first receipt to last report)%n",
                s.casesPerSecond());
        out.printf("  receipt -> FINAL        p50 %.0f ms · p90 %.0f ms · p99 %.0f ms · max %.0f ms%n",
                s.latencyMillis(50), s.latencyMillis(90), s.latencyMillis(99), s.latencyMillis(100));
        if (f.peakMemory() != null) {
            out.printf("  lab stack memory        %8.0f MB resident at peak (pid %d and its children)%n",
                    f.peakMemory().total() / 1e6, settings.stackPid());
        } else if (settings.stackPid() < 0) {
            out.printf("  lab stack memory        not measured: give --stack-pid%n");
        } else {
            out.printf("  lab stack memory        not readable here (no /proc); this JVM uses %.0f MB%n",
                    ProcessMemory.jvmUsedBytes() / 1e6);
        }
        if (f.baseline() != null) {
            out.printf("  raw Kafka, same records %8.0f records/s (%d records in %.1f s: the run's %d records %d"
                    + " times)%n",
                    f.baseline().recordsPerSecond(), f.baseline().records(),
                    f.baseline().elapsed().toMillis() / 1000.0, f.baseline().recordsPerPass(), f.baseline().passes());
        } else {
            out.printf("  raw Kafka, same records not measured (see above)%n");
        }
        out.printf("  pipeline, same records  %8.0f records/s (%d records in %.1f s)%n",
                f.records() / (s.elapsed().toNanos() / 1e9), f.records(), s.elapsed().toMillis() / 1000.0);
        if (f.baseline() != null) {
            out.printf("  ratio                   the pipeline took %.1fx as long as Kafka alone with the same"
                    + " records%n", f.ratio());
        }
        if (s.casesPerSecond() >= settings.casesPerSecond() * 0.95) {
            // The pipeline kept up, so its time was set by the target rate, not by its capacity.
            out.printf("                          (the pipeline kept up with the target rate: raise --rate to measure"
                    + " its capacity)%n");
        }
        out.printf("  clean                   %s%n", s.clean() ? "yes: nothing lost, nothing twice, nothing wrong"
                : "NO: see the summary above");
    }
}
