package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.infra.FreePorts;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.tatmetrics.TatMetricsApplication;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.LifecycleEvents;
import org.ntrklab.testkit.RunningService;
import org.ntrklab.testkit.TestNamespace;

/**
 * Two tat-metrics instances share the partitions: each answers the case query for every case (routing to
 * the owner) and gives the same summary over all cases.
 */
class TurnaroundQueriesAcrossInstancesTest {

    private static final int PARTITIONS = 4;
    private static final int CASES = 12;

    @Test
    void eitherInstanceAnswersForEveryCaseAndSummarisesAllOfThem(TestInfo info) throws Exception {
        TestNamespace ns = TestNamespace.of(info);
        Topics topics = new Topics(ns.topicPrefix(), PARTITIONS, (short) 1);
        TopicIo io = TopicIo.onSharedInfrastructure();
        int portA = FreePorts.find("localhost");
        int portB = FreePorts.find("localhost");
        try (RunningService a = RunningService.instance(TatMetricsApplication.class, "tat-metrics", ns, PARTITIONS,
                portA, "a");
                RunningService b = RunningService.instance(TatMetricsApplication.class, "tat-metrics", ns, PARTITIONS,
                        portB, "b")) {
            List<Map.Entry<String, AccessionEvent>> accessions = new ArrayList<>();
            List<Map.Entry<String, ReportEvent>> reports = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                String id = String.format("NT26-%02d-%06d", i % PARTITIONS, i + 1);
                accessions.add(Map.entry(id, LabEvents.accessioned(id, "SP-" + i, LabEvents.ffpeWorkUp().build())));
                // Receipt Monday 2 March 08:00; FINAL on Friday 6 March 08:00: 4 working days.
                Instant signedOut = LabEvents.RECEIVED_AT.plus(Duration.ofDays(4));
                reports.add(Map.entry(id, LifecycleEvents.finalReport(id, OverallCall.NEGATIVE, signedOut)));
            }
            io.send(topics.accessions(), accessions);
            io.send(topics.reports(), reports);
            // PRE_ANALYTIC and CASE per case.
            assertThat(io.read(topics.turnaround(), 2 * CASES, Duration.ofSeconds(90), Duration.ZERO)).hasSize(2 * CASES);

            for (Map.Entry<String, AccessionEvent> c : accessions) {
                for (RunningService instance : List.of(a, b)) {
                    HttpResponse<String> view = instance.getWhen("/tat/cases/" + c.getKey(), r -> true);
                    assertThat(view.statusCode()).as(c.getKey()).isEqualTo(200);
                    assertThat(view.body()).contains("\"accessionId\":\"" + c.getKey() + "\"", "\"stage\":\"FINISHED\"");
                }
            }
            for (RunningService instance : List.of(a, b)) {
                HttpResponse<String> summary = instance.getWhen("/tat/summary", r -> r.body().contains("count\":" + CASES));
                assertThat(summary.statusCode()).isEqualTo(200);
                assertThat(summary.body()).contains("\"measure\":\"CASE\",\"count\":" + CASES + ",\"p50WorkingDays\":4.0");
            }
        }
    }
}
