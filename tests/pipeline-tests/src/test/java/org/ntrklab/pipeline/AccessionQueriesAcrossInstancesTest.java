package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.accessioning.AccessioningApplication;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.infra.FreePorts;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.RunningService;
import org.ntrklab.testkit.TestNamespace;

/**
 * Two instances of accessioning share the partitions; each must answer a REST query for any accession or
 * specimen, forwarding to the instance that holds it.
 */
class AccessionQueriesAcrossInstancesTest {

    private static final int PARTITIONS = 4;

    @Test
    void eitherInstanceAnswersForEveryAccession(TestInfo info) throws Exception {
        TestNamespace ns = TestNamespace.of(info);
        Topics topics = new Topics(ns.topicPrefix(), PARTITIONS, (short) 1);
        TopicIo io = TopicIo.onSharedInfrastructure();
        int portA = FreePorts.find("localhost");
        int portB = FreePorts.find("localhost");
        try (RunningService a = RunningService.instance(AccessioningApplication.class, "accessioning", ns, PARTITIONS,
                portA, "a");
                RunningService b = RunningService.instance(AccessioningApplication.class, "accessioning", ns,
                        PARTITIONS, portB, "b")) {
            List<Map.Entry<String, SpecimenEvent>> receipts = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                SpecimenEvent e = LabEvents.received("SP-IQ-" + i, LabEvents.ffpeWorkUp().build());
                receipts.add(Map.entry(e.getSpecimenId(), e));
            }
            io.send(topics.limsSpecimenEvents(), receipts);
            List<ConsumerRecord<String, AccessionEvent>> accessions =
                    io.read(topics.accessions(), receipts.size(), Duration.ofSeconds(90), Duration.ZERO);
            assertThat(accessions).hasSize(receipts.size());
            assertThat(accessions.stream().map(r -> r.value().getAccessionId().substring(5, 7)).distinct().count())
                    .as("accessions from more than one partition").isGreaterThan(1);

            for (ConsumerRecord<String, AccessionEvent> r : accessions) {
                String accessionId = r.value().getAccessionId();
                for (RunningService instance : List.of(a, b)) {
                    HttpResponse<String> byAccession = instance.getWhen("/accessions/" + accessionId, answer -> true);
                    assertThat(byAccession.statusCode()).as(accessionId).isEqualTo(200);
                    assertThat(byAccession.body()).contains("\"accessionId\":\"" + accessionId + "\"",
                            "\"status\":\"ACCESSIONED\"");
                    HttpResponse<String> bySpecimen = instance.getWhen("/specimens/" + r.value().getSpecimenId(), x -> true);
                    assertThat(bySpecimen.statusCode()).isEqualTo(200);
                    assertThat(bySpecimen.body()).contains(accessionId);
                }
            }
            assertThat(a.get("/specimens/SP-NOT-HERE").statusCode()).isEqualTo(404);
            assertThat(b.get("/specimens/SP-NOT-HERE").statusCode()).isEqualTo(404);
        }
    }
}
