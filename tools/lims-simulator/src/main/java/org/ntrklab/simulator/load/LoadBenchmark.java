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
 * same number of records of the same size is moved through Kafka with no processing, so the figures can
 * be read as a ratio on any machine. Prints its figures; asserts nothing.
 */
public final class LoadBenchmark {

    /**
     * @param stackPid process whose resident memory is the lab stack's (with its children), e.g. this JVM
     *     when the simulator runs inside the lab stack
     */
    public record Settings(SimulationSettings simulation, double casesPerSecond, Duration duration, long stackPid) {
    }

    /** The figures of one run. */
    public record Figures(SimulationSummary summary, long peakStackBytes, RawKafkaBaseline.Result baseline) {

        /** How many times longer the pipeline took than Kafka alone with the same records; NaN without a baseline. */
        public double ratio() {
            return baseline == null ? Double.NaN : summary.elapsed().toNanos() / (double) baseline.elapsed().toNanos();
        }
    }

    private LoadBenchmark() {
    }

    public static Figures run(Settings settings, PrintStream out) {
        SimulationSettings s = settings.simulation();
        out.printf("Load: %.0f cases/s for %d s (%d cases), lab steps answered at once%n", settings.casesPerSecond(),
                settings.duration().toSeconds(), s.cases());
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                ProcessMemory.residentBytes(settings.stackPid()).ifPresent(b -> peak.accumulateAndGet(b, Math::max));
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
                + " (read_committed), no processing ...%n", records, summary.meanRecordBytes());
        RawKafkaBaseline.Result baseline;
        try {
            baseline = RawKafkaBaseline.run(s.kafkaClientConfig(), records, summary.meanRecordBytes(),
                    s.topics().partitions());
        } catch (RuntimeException e) {
            // The pipeline's own figures still stand; only the ratio is missing.
            out.printf("The baseline could not be measured: %s%n", e.getMessage());
            baseline = null;
        }
        Figures figures = new Figures(summary, peak.get(), baseline);
        print(figures, settings, out);
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
        if (f.peakStackBytes() > 0) {
            out.printf("  lab stack memory        %8.0f MB resident at peak (pid %d and its children)%n",
                    f.peakStackBytes() / 1e6, settings.stackPid());
        } else if (settings.stackPid() < 0) {
            out.printf("  lab stack memory        not measured: give --stack-pid%n");
        } else {
            out.printf("  lab stack memory        not readable here (no /proc); this JVM uses %.0f MB%n",
                    ProcessMemory.jvmUsedBytes() / 1e6);
        }
        if (f.baseline() != null) {
            out.printf("  raw Kafka, same records %8.0f records/s (%d records in %.1f s)%n",
                    f.baseline().recordsPerSecond(), f.baseline().records(),
                    f.baseline().elapsed().toMillis() / 1000.0);
        } else {
            out.printf("  raw Kafka, same records not measured (see above)%n");
        }
        out.printf("  pipeline, same records  %8.0f records/s (%d records in %.1f s)%n",
                (s.recordsSent() + s.recordsRead()) / (s.elapsed().toNanos() / 1e9), s.recordsSent() + s.recordsRead(),
                s.elapsed().toMillis() / 1000.0);
        if (f.baseline() != null) {
            out.printf("  ratio                   the pipeline took %.1fx as long as Kafka alone%n", f.ratio());
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
