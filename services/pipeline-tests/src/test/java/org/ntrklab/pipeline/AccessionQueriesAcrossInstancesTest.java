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
import org.ntrklab.platform.serde.EventSerdes;
import org.ntrklab.platform.serde.RegistrySettings;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.SharedInfrastructure;
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
        Topics topics = RunningService.topics(ns, PARTITIONS);
        TopicIo io = new TopicIo(new EventSerdes(RegistrySettings.of(SharedInfrastructure.get().registryUrl())));
        int portA = FreePorts.find("localhost");
        int portB = FreePorts.find("localhost");
        try (RunningService a = instance(ns, portA, "a"); RunningService b = instance(ns, portB, "b")) {
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
                    HttpResponse<String> byAccession = eventually(instance, "/accessions/" + accessionId);
                    assertThat(byAccession.statusCode()).as(accessionId).isEqualTo(200);
                    assertThat(byAccession.body()).contains("\"accessionId\":\"" + accessionId + "\"",
                            "\"status\":\"ACCESSIONED\"");
                    HttpResponse<String> bySpecimen = eventually(instance, "/specimens/" + r.value().getSpecimenId());
                    assertThat(bySpecimen.statusCode()).isEqualTo(200);
                    assertThat(bySpecimen.body()).contains(accessionId);
                }
            }
            assertThat(a.get("/specimens/SP-NOT-HERE").statusCode()).isEqualTo(404);
            assertThat(b.get("/specimens/SP-NOT-HERE").statusCode()).isEqualTo(404);
        }
    }

    private static RunningService instance(TestNamespace ns, int port, String name) {
        // Same application id (so the two share the partitions), own state directory and own address.
        return RunningService.start(AccessioningApplication.class, "accessioning", ns, PARTITIONS, Map.of(
                "server.port", String.valueOf(port),
                "ntrk.streams.state-dir", ns.stateDir().resolve(name).toString(),
                "ntrk.streams.properties.application.server", "localhost:" + port));
    }

    /** Retries while the instances are still rebalancing (503), as a client would. */
    private static HttpResponse<String> eventually(RunningService instance, String path) throws InterruptedException {
        HttpResponse<String> response = instance.get(path);
        for (int attempt = 0; attempt < 60 && response.statusCode() == 503; attempt++) {
            Thread.sleep(500);
            response = instance.get(path);
        }
        return response;
    }
}
