package org.ntrklab.labstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.simulator.feed.CaseOutcome;
import org.ntrklab.simulator.feed.CaseOutcome.Stage;
import org.ntrklab.simulator.lab.GroundTruthCheck;
import org.ntrklab.simulator.feed.LabSimulation;
import org.ntrklab.simulator.feed.SimulationSummary;

/**
 * Nothing lost, nothing twice, nothing wrong: the lab stack is stopped in the middle of a run, while the
 * LIMS and the bench keep sending, and started again on the same data. Stopped cleanly (SIGTERM, as Ctrl-C
 * or a service manager does) and killed outright (SIGKILL, as a power cut or the kernel's OOM killer
 * does, with no shutdown at all). Every case still finishes, each accepted case with exactly one accession
 * and exactly one FINAL report, and every report agrees with the simulator's ground truth.
 */
class LabStackRestartIT {

    private static final int CASES = 200;

    @Test
    void aRunSurvivesStoppingAndRestartingTheStack(@TempDir Path tmp) throws Exception {
        survives(tmp, false, 23L);
    }

    @Test
    void aRunSurvivesKillingTheStackOutright(@TempDir Path tmp) throws Exception {
        survives(tmp, true, 29L);
    }

    private static void survives(Path tmp, boolean kill, long seed) throws Exception {
        try (LabStackProcess stack = LabStackProcess.start(tmp.resolve("data"), "--simulated-time")) {
            SimulationSummary summary;
            try (LabSimulation lab = new LabSimulation(LabStackEndToEndIT.settings(stack, CASES, seed)).start()) {
                // Stop once some cases are reported and many are still in the lab.
                long deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
                while (reported(lab) < CASES / 5) {
                    assertThat(System.nanoTime()).as("first reports in time:\n%s", stack.console()).isLessThan(deadline);
                    Thread.sleep(200);
                }
                long reportedBefore = reported(lab);
                if (kill) {
                    // SIGKILL: no shutdown hook runs; the broker's log, the registry's database and the
                    // services' state are left as they were at that instant.
                    assertThat(stack.kill()).as("killed:\n%s", stack.console()).isEqualTo(137);
                } else {
                    // SIGTERM, as Ctrl-C or a service manager sends it: the JVM answers 128 + 15 once its
                    // shutdown hook has stopped the services, the registry and the broker in order.
                    assertThat(stack.stop()).as("stopped by the signal:\n%s", stack.console()).isEqualTo(143);
                    assertThat(stack.console()).as("clean shutdown").contains("Stopped. Data kept in");
                }
                assertThat(reportedBefore).as("stopped in the middle of the run").isLessThan(CASES - 10);
                stack.restart();
                summary = lab.awaitCompletion(line -> { });
            }
            summary.print(System.out);
            assertThat(summary.complete()).as("every case finished after the restart:\n%s", stack.console()).isTrue();
            assertThat(summary.sendFailures()).isZero();
            assertThat(summary.reportedTwice()).isZero();
            assertThat(summary.verdicts(GroundTruthCheck.Kind.MISMATCH)).as("reports against the ground truth").isZero();
            List<CaseOutcome> accepted = summary.cases().stream()
                    .filter(c -> c.stage() != Stage.REJECTED && c.stage() != Stage.CANCELLED).toList();
            assertThat(accepted).allMatch(c -> c.finals() == 1);

            // Read back from the topics themselves: one accession per specimen, one FINAL per accession.
            Map<String, Integer> accessionsPerSpecimen = new HashMap<>();
            for (ConsumerRecord<String, SpecificRecord> r : TopicReader.readAll(stack.kafkaClient("admin"),
                    stack.registryUrl(), "ntrk.accessions")) {
                if (((AccessionEvent) r.value()).getPayload() instanceof SpecimenAccessioned a) {
                    accessionsPerSpecimen.merge(a.getSpecimenId(), 1, Integer::sum);
                }
            }
            assertThat(accessionsPerSpecimen.values()).allMatch(n -> n == 1);
            Map<String, Integer> finalsPerAccession = new HashMap<>();
            for (ConsumerRecord<String, SpecificRecord> r : TopicReader.readAll(stack.kafkaClient("report-consumer"),
                    stack.registryUrl(), "ntrk.reports")) {
                if (((ReportEvent) r.value()).getPayload() instanceof ReportIssued issued
                        && issued.getStatus() == ReportStatus.FINAL) {
                    finalsPerAccession.merge(r.key(), 1, Integer::sum);
                }
            }
            Set<String> acceptedIds = accepted.stream().map(CaseOutcome::accessionId).collect(Collectors.toSet());
            assertThat(finalsPerAccession.keySet()).isEqualTo(acceptedIds);
            assertThat(finalsPerAccession.values()).allMatch(n -> n == 1);
        }
    }

    private static long reported(LabSimulation lab) {
        return lab.cases().stream().filter(c -> c.stage() == Stage.REPORTED).count();
    }
}
