package org.ntrklab.labstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.ReportedFusion;
import org.ntrklab.events.TurnaroundEvent;
import org.ntrklab.events.TurnaroundMeasure;
import org.ntrklab.events.TurnaroundMeasured;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.simulator.feed.CaseOutcome;
import org.ntrklab.simulator.feed.CaseOutcome.Stage;
import org.ntrklab.simulator.feed.LabSimulation;
import org.ntrklab.simulator.feed.PathologistSignIn;
import org.ntrklab.simulator.feed.SimulationSettings;
import org.ntrklab.simulator.feed.SimulationSummary;
import org.ntrklab.simulator.lab.GroundTruthCheck;
import org.ntrklab.testkit.PrometheusText;

/**
 * The embedded default end to end (docs/lab-stack.md#end-to-end-tests): the packaged lab stack started as its
 * own process, the LIMS simulator sending 300 realistic cases through it, and every answer checked where a lab
 * would look for it: on ntrk.reports, on ntrk.turnaround and on the services' Prometheus endpoints.
 */
class LabStackEndToEndIT {

    private static final int CASES = 300;
    private static final Topics TOPICS = new Topics("", 6, Topics.BROKER_DEFAULT_REPLICATION);

    @Test
    void everyAcceptedCaseGetsExactlyOneFinalReportThatMatchesTheGroundTruth(@TempDir Path tmp) {
        try (LabStackProcess stack = LabStackProcess.start(tmp.resolve("data"), "--simulated-time")) {
            SimulationSummary summary;
            try (LabSimulation lab = new LabSimulation(settings(stack, CASES, 11L)).start()) {
                summary = lab.awaitCompletion(line -> { });
            }
            summary.print(System.out);
            assertThat(summary.complete()).as("every case finished in time:\n%s", stack.console()).isTrue();
            assertThat(summary.sendFailures()).isZero();

            List<CaseOutcome> cases = summary.cases();
            List<CaseOutcome> accepted = cases.stream()
                    .filter(c -> c.stage() != Stage.REJECTED && c.stage() != Stage.CANCELLED).toList();
            assertThat(cases).hasSize(CASES);
            // The simulator's LIMS flags about 1% of labels and withdraws about 0.5% of orders.
            assertThat(accepted.size()).isBetween(CASES - 20, CASES);
            assertThat(summary.intakeSurprises()).as("rejected exactly the defective receipts").isZero();
            assertThat(accepted).allMatch(c -> c.stage() == Stage.REPORTED && c.finals() == 1);

            // ---- ntrk.reports, read as a report consumer would: one FINAL per accepted accession ----
            Map<String, List<ReportIssued>> finals = new HashMap<>();
            for (ConsumerRecord<String, SpecificRecord> r : TopicReader.readAll(stack.kafkaClient("report-consumer"),
                    stack.registryUrl(), TOPICS.reports().name())) {
                if (((ReportEvent) r.value()).getPayload() instanceof ReportIssued issued
                        && issued.getStatus() == ReportStatus.FINAL) {
                    finals.computeIfAbsent(r.key(), k -> new java.util.ArrayList<>()).add(issued);
                }
            }
            Set<String> acceptedIds = accepted.stream().map(CaseOutcome::accessionId).collect(Collectors.toSet());
            assertThat(finals.keySet()).isEqualTo(acceptedIds);
            assertThat(finals.values()).allMatch(list -> list.size() == 1);

            // ---- the reports against the simulator's ground truth ----
            long positives = 0;
            for (CaseOutcome c : accepted) {
                ReportIssued report = finals.get(c.accessionId()).get(0);
                OverallCall call = report.getContent().getOverallCall();
                List<ReportedFusion> fusions = report.getContent().getFusions();
                GroundTruthCheck.Verdict verdict = GroundTruthCheck.check(c.simulated(), c.runs(), call, fusions);
                assertThat(verdict.kind()).as("%s %s: %s", c.accessionId(), c.simulated().specimenId(), verdict.detail())
                        .isNotEqualTo(GroundTruthCheck.Kind.MISMATCH);
                if (!c.simulated().fusionPresent()) {
                    assertThat(call).as("no fusion in the tumour, none reported").isNotEqualTo(OverallCall.POSITIVE);
                    assertThat(fusions).isEmpty();
                } else if (call == OverallCall.POSITIVE) {
                    positives++;
                    assertThat(fusions).as("the reported fusion is the tumour's").anyMatch(f ->
                            f.getNtrkGene() == c.simulated().fusion().ntrkGene()
                                    && (f.getFivePrimeGene() == null
                                            || f.getFivePrimeGene().equals(c.simulated().fusion().fivePrimeGene())));
                }
            }
            assertThat(positives).as("a referral mix enriched for high-prevalence tumours finds fusions").isPositive();
            assertThat(summary.verdicts(GroundTruthCheck.Kind.MISMATCH)).isZero();

            // ---- ntrk.turnaround: every reported case has its case clock measured ----
            // tat-metrics writes a case's clock once it has read the FINAL report: wait until it has for all.
            Map<String, List<TurnaroundMeasured>> measured = Eventually.get(Duration.ofSeconds(90),
                    () -> turnaround(stack), m -> accepted.stream().allMatch(c -> m.getOrDefault(c.accessionId(),
                            List.of()).stream().anyMatch(t -> t.getMeasure() == TurnaroundMeasure.CASE)));
            for (CaseOutcome c : accepted) {
                List<TurnaroundMeasured> tat = measured.getOrDefault(c.accessionId(), List.of());
                assertThat(tat).as("TAT events of %s", c.accessionId())
                        .anyMatch(m -> m.getMeasure() == TurnaroundMeasure.CASE)
                        .anyMatch(m -> m.getMeasure() == TurnaroundMeasure.PRE_ANALYTIC);
                // A test clock ends with a result; a case whose every run failed or never ran has none.
                long resulted = c.runs().stream().filter(r -> !r.failed()).count();
                assertThat(tat.stream().filter(m -> m.getMeasure() == TurnaroundMeasure.TEST).count())
                        .as("test clocks of %s", c.accessionId()).isEqualTo(resulted);
                TurnaroundMeasured caseClock = tat.stream().filter(m -> m.getMeasure() == TurnaroundMeasure.CASE)
                        .findFirst().orElseThrow();
                // The case clock starts at lab receipt (docs/tat-metrics.md#measures), in simulated lab time.
                assertThat(caseClock.getStartedAt()).isEqualTo(c.simulated().receivedAt());
                assertThat(caseClock.getWorkingDays()).isPositive();
            }

            // ---- the metrics a dashboard reads agree with the topics ----
            PrometheusText reporting = new PrometheusText(stack.get(LabService.REPORTING, "/actuator/prometheus"));
            assertThat(reporting.sum("ntrk_reports_total", "version_kind=\"FINAL\"")).isEqualTo(accepted.size());
            assertThat(reporting.sum("ntrk_reports_total", "overall_status=\"POSITIVE\"", "version_kind=\"FINAL\""))
                    .isEqualTo(positives);
            assertThat(reporting.value("ntrk_reports_awaiting_sign_out")).isZero();
            PrometheusText accessioning = new PrometheusText(stack.get(LabService.ACCESSIONING, "/actuator/prometheus"));
            assertThat(accessioning.sum("ntrk_accessioning_events_total", "outcome=\"accessioned\""))
                    .isEqualTo(cases.stream().filter(c -> c.accessionId() != null).count());
            assertThat(accessioning.sum("ntrk_accessioning_events_total", "outcome=\"rejected\""))
                    .isEqualTo(summary.count(Stage.REJECTED));
            PrometheusText tat = Eventually.get(Duration.ofSeconds(30),
                    () -> new PrometheusText(stack.get(LabService.TAT_METRICS, "/actuator/prometheus")),
                    t -> t.sum("ntrk_turnaround_working_days_count", "measure=\"CASE\"") >= accepted.size());
            assertThat(tat.sum("ntrk_turnaround_working_days_count", "measure=\"CASE\"")).isEqualTo(accepted.size());
        }
    }

    private static Map<String, List<TurnaroundMeasured>> turnaround(LabStackProcess stack) {
        Map<String, List<TurnaroundMeasured>> measured = new HashMap<>();
        for (ConsumerRecord<String, SpecificRecord> r : TopicReader.readAll(stack.kafkaClient("admin"),
                stack.registryUrl(), TOPICS.turnaround().name())) {
            if (((TurnaroundEvent) r.value()).getPayload() instanceof TurnaroundMeasured m) {
                measured.computeIfAbsent(r.key(), k -> new java.util.ArrayList<>()).add(m);
            }
        }
        return measured;
    }

    static SimulationSettings settings(LabStackProcess stack, int cases, long seed) {
        return new SimulationSettings(stack.bootstrapServers(), stack.registryUrl(), TOPICS, cases, seed,
                Instant.parse("2026-03-02T00:00:00Z"), SimulationSettings.Pace.demo(Duration.ofMillis(400), 100),
                Duration.ofMinutes(8)).withKafkaClient(stack.kafkaClient("simulator"))
                .withPathologist(new PathologistSignIn(URI.create("http://localhost:" + (stack.httpPort
                        + LabService.REPORTING.ordinal())), URI.create(stack.tokenUri()), "ntrk-demo-pathologist",
                        stack.secret("ntrk-demo-pathologist")));
    }
}
