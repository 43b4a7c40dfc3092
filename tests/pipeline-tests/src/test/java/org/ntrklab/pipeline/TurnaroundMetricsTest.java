package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.TurnaroundEvent;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.tatmetrics.TatMetricsApplication;
import org.ntrklab.testkit.PrometheusText;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.LifecycleEvents;
import org.ntrklab.testkit.RunningService;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.testkit.TestNamespace;

/**
 * tat-metrics as its Spring Boot application on the real broker and registry: ten known cases give the
 * expected histogram counts, bucket counts at the targets and breach counts on /actuator/prometheus, and
 * the expected percentiles on the summary endpoint.
 */
class TurnaroundMetricsTest {

    private static final int PARTITIONS = 3;
    /** Monday 2 March 2026, 08:00 UTC. */
    private static final Instant MONDAY = LabEvents.RECEIVED_AT;

    @Test
    void knownCasesGiveTheExpectedHistogramsBreachesAndPercentiles(TestInfo info) throws Exception {
        TestNamespace ns = TestNamespace.of(info);
        Topics topics = new Topics(ns.topicPrefix(), PARTITIONS, (short) 1);
        TopicIo io = TopicIo.onSharedInfrastructure();
        // Case clock (target 10 working days, CAP/IASLC/AMP 2018): 4 cases in 5, 3 in 9, 3 in 12 working days.
        double[] caseDays = {5, 5, 5, 5, 9, 9, 9, 12, 12, 12};
        // IHC test clock (target 2 working days): 6 in 1, 4 in 3 working days.
        double[] ihcDays = {1, 1, 1, 1, 1, 1, 3, 3, 3, 3};
        List<Map.Entry<String, AccessionEvent>> accessions = new ArrayList<>();
        List<Map.Entry<String, AssayOrderEvent>> orders = new ArrayList<>();
        List<Map.Entry<String, AssayStatusEvent>> results = new ArrayList<>();
        List<Map.Entry<String, ReportEvent>> reports = new ArrayList<>();
        for (int i = 0; i < caseDays.length; i++) {
            String id = String.format("NT26-%02d-%06d", i % PARTITIONS, i + 1);
            accessions.add(Map.entry(id, LabEvents.accessioned(id, "SP-" + i, LabEvents.ffpeWorkUp().build())));
            Instant ordered = MONDAY.plus(Duration.ofDays(1));
            orders.add(Map.entry(id, LifecycleEvents.ordered(id, "IHC-" + i, AssayType.PAN_TRK_IHC, null, null, ordered)));
            results.add(Map.entry(id, LifecycleEvents.resulted(id, "IHC-" + i, AssayType.PAN_TRK_IHC,
                    AssayInterpretation.NEGATIVE, ordered.plus(Duration.ofDays((long) ihcDays[i])))));
            reports.add(Map.entry(id, LifecycleEvents.finalReport(id, OverallCall.NEGATIVE, workingDaysAfterMonday(caseDays[i]))));
        }

        try (RunningService tat = RunningService.start(TatMetricsApplication.class, "tat-metrics", ns, PARTITIONS,
                Map.of("ntrk.tat.check-interval", "2s",
                        // These cases are dated March 2026: record them in the histograms all the same.
                        "ntrk.tat.metrics-window", "3650d"))) {
            io.send(topics.accessions(), accessions);
            io.send(topics.assayOrders(), orders);
            io.send(topics.assayStatus(), results);
            io.send(topics.reports(), reports);
            // PRE_ANALYTIC, TEST, POST_ANALYTIC and CASE per case (no QC decision, run start or reflex here).
            List<ConsumerRecord<String, TurnaroundEvent>> written =
                    io.read(topics.turnaround(), 40, Duration.ofSeconds(90), Duration.ofSeconds(2));
            assertThat(written).hasSize(40);

            PrometheusText metrics = new PrometheusText(tat.get("/actuator/prometheus", SharedIdentity.get().token(LabAccounts.MONITORING)).body());
            String caseMeasure = "measure=\"CASE\"";
            assertThat(metrics.value("ntrk_turnaround_working_days_count", caseMeasure, "priority=\"ROUTINE\"")).isEqualTo(10);
            assertThat(metrics.value("ntrk_turnaround_working_days_bucket", caseMeasure, "priority=\"ROUTINE\"",
                    "le=\"5.0\"")).isEqualTo(4);
            assertThat(metrics.value("ntrk_turnaround_working_days_bucket", caseMeasure, "priority=\"ROUTINE\"",
                    "le=\"10.0\"")).isEqualTo(7);
            assertThat(metrics.value("ntrk_turnaround_breaches_total", caseMeasure)).isEqualTo(3);

            String ihc = "assay=\"PAN_TRK_IHC\"";
            assertThat(metrics.value("ntrk_turnaround_working_days_count", "measure=\"TEST\"", ihc,
                    "priority=\"ROUTINE\"")).isEqualTo(10);
            assertThat(metrics.value("ntrk_turnaround_working_days_bucket", "measure=\"TEST\"", ihc,
                    "priority=\"ROUTINE\"", "le=\"2.0\"")).isEqualTo(6);
            assertThat(metrics.value("ntrk_turnaround_breaches_total", "measure=\"TEST\"", ihc)).isEqualTo(4);
            assertThat(metrics.value("ntrk_turnaround_seconds_count", caseMeasure, "assay=\"none\"")).isEqualTo(10);
            // The consumer-lag alert rule reads this series.
            assertThat(tat.get("/actuator/prometheus", SharedIdentity.get().token(LabAccounts.MONITORING)).body()).contains("kafka_consumer_fetch_manager_records_lag_max{");

            // Percentiles to the next 0.05 working day, exact on whole days: case p50 is the 5th of 10 values (9), p90 the 9th (12).
            HttpResponse<String> summary = tat.get("/tat/summary");
            assertThat(summary.statusCode()).isEqualTo(200);
            assertThat(summary.body()).contains("\"measure\":\"CASE\",\"count\":10,\"p50WorkingDays\":9.0,"
                    + "\"p90WorkingDays\":12.0", "\"withinTargetRatio\":0.7",
                    "\"measure\":\"TEST:PAN_TRK_IHC\",\"count\":10,\"p50WorkingDays\":1.0,\"p90WorkingDays\":3.0");

            // Producers stamp records with their own clock (November); event times are March's: the finished
            // cases are kept for the retention, not evicted as if a month had passed in event time.
            HttpResponse<String> oneCase = tat.get("/tat/cases/NT26-00-000001");
            assertThat(oneCase.statusCode()).isEqualTo(200);
            assertThat(oneCase.body()).contains("\"stage\":\"FINISHED\"", "\"CASE\"", "\"TEST:IHC-0\"");
            assertThat(tat.get("/tat/cases/NT26-00-999999").statusCode()).isEqualTo(404);
        }
    }

    /** Monday 08:00 plus whole working days (no holidays in March 2026 in this calendar). */
    private static Instant workingDaysAfterMonday(double days) {
        int whole = (int) days;
        int weeks = whole / 5;
        return MONDAY.plus(Duration.ofDays(weeks * 7L + whole % 5));
    }
}
