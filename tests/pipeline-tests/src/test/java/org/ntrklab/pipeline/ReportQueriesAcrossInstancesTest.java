package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.AssayType;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.infra.FreePorts;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reporting.ReportingApplication;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.LifecycleEvents;
import org.ntrklab.testkit.RunningService;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.testkit.TestNamespace;

/**
 * Two reporting instances share the partitions: each answers the report view, the FHIR and the HL7 v2
 * export of every accession, reading the report from the instance that owns it, and checks a sign-out
 * against the owner's state.
 */
class ReportQueriesAcrossInstancesTest {

    private static final int PARTITIONS = 4;
    private static final int CASES = 8;
    private static final Instant AT = LabEvents.RECEIVED_AT.plus(Duration.ofDays(2));
    private static final String PATIENT_REF = "\"patientRef\":\"[^\"]+\"";

    @Test
    void eitherInstanceAnswersAndExportsEveryReport(TestInfo info) throws Exception {
        TestNamespace ns = TestNamespace.of(info);
        Topics topics = new Topics(ns.topicPrefix(), PARTITIONS, (short) 1);
        TopicIo io = TopicIo.onSharedInfrastructure();
        int portA = FreePorts.find("localhost");
        int portB = FreePorts.find("localhost");
        Map<String, String> autoSignOut = Map.of("ntrk.reporting.auto-sign-out", "true");
        try (RunningService a = RunningService.instance(ReportingApplication.class, "reporting", ns, PARTITIONS, portA,
                "a", autoSignOut);
                RunningService b = RunningService.instance(ReportingApplication.class, "reporting", ns, PARTITIONS,
                        portB, "b", autoSignOut)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                ids.add(sendResultedCase(io, topics, i));
            }
            String pathologist = SharedIdentity.get().token(LabAccounts.DEMO_PATHOLOGIST);
            FhirContext fhir = FhirContext.forR4();
            try (HapiContext hapi = new DefaultHapiContext()) {
                for (String id : ids) {
                    for (RunningService instance : List.of(a, b)) {
                        HttpResponse<String> view = instance.getWhen("/reports/" + id,
                                r -> r.statusCode() == 200 && r.body().contains("\"status\":\"FINAL\""));
                        assertThat(view.statusCode()).as(id).isEqualTo(200);
                        assertThat(view.body()).contains("\"accessionId\":\"" + id + "\"", "\"status\":\"FINAL\"");
                        // The owner answers a forwarded query for the same caller: the patient reference only
                        // for a pathologist, whichever instance was asked.
                        assertThat(view.body()).contains("\"patientRef\":null").doesNotContainPattern(PATIENT_REF);
                        assertThat(instance.get("/reports/" + id, pathologist).body()).containsPattern(PATIENT_REF);

                        HttpResponse<String> export = instance.getWhen("/reports/" + id + "/fhir", pathologist,
                                r -> true);
                        assertThat(export.statusCode()).as(id).isEqualTo(200);
                        DiagnosticReport report = (DiagnosticReport) fhir.newJsonParser()
                                .parseResource(Bundle.class, export.body()).getEntryFirstRep().getResource();
                        assertThat(report.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
                        assertThat(report.getIdentifierFirstRep().getValue()).isEqualTo(id + "/v1");

                        HttpResponse<String> hl7 = instance.getWhen("/reports/" + id + "/hl7v2", pathologist,
                                r -> true);
                        ORU_R01 oru = (ORU_R01) hapi.getPipeParser().parse(hl7.body());
                        assertThat(oru.getPATIENT_RESULT().getORDER_OBSERVATION().getORC().getFillerOrderNumber()
                                .getEntityIdentifier().getValue()).isEqualTo(id);

                        HttpResponse<String> again = instance.post("/reports/" + id + "/sign-out",
                                "{\"reportVersion\": 1, \"pathologistRef\": \"PATH-0007\"}");
                        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
                    }
                }
                for (RunningService instance : List.of(a, b)) {
                    assertThat(instance.getWhen("/reports/NT26-03-999999/fhir", pathologist, r -> true).statusCode())
                            .isEqualTo(404);
                }
            }
        }
    }

    @Test
    void eitherInstanceListsEveryDraftAwaitingSignOutAndASignedOneLeavesTheList(TestInfo info) throws Exception {
        TestNamespace ns = TestNamespace.of(info);
        Topics topics = new Topics(ns.topicPrefix(), PARTITIONS, (short) 1);
        TopicIo io = TopicIo.onSharedInfrastructure();
        int portA = FreePorts.find("localhost");
        int portB = FreePorts.find("localhost");
        try (RunningService a = RunningService.instance(ReportingApplication.class, "reporting", ns, PARTITIONS, portA,
                "a");
                RunningService b = RunningService.instance(ReportingApplication.class, "reporting", ns, PARTITIONS,
                        portB, "b")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                ids.add(sendResultedCase(io, topics, i));
            }
            String pathologist = SharedIdentity.get().token(LabAccounts.DEMO_PATHOLOGIST);
            for (RunningService instance : List.of(a, b)) {
                assertThat(instance.get("/reports/awaiting-sign-out", null).statusCode()).isEqualTo(401);
                HttpResponse<String> list = instance.getWhen("/reports/awaiting-sign-out",
                        r -> r.statusCode() == 200 && accessions(r.body()).size() == CASES);
                assertThat(accessions(list.body())).as("every draft, from both instances, oldest first (then by"
                        + " accession)").containsExactlyElementsOf(ids.stream().sorted().toList());
                assertThat(list.body()).contains("\"draftVersion\":1", "\"overallCall\":\"NEGATIVE\"")
                        .doesNotContain("patientRef");
            }

            String signed = ids.get(1);
            HttpResponse<String> signOut = a.post("/reports/" + signed + "/sign-out", "{\"reportVersion\": 1}",
                    pathologist);
            assertThat(signOut.statusCode()).as(signOut.body()).isEqualTo(202);
            for (RunningService instance : List.of(a, b)) {
                HttpResponse<String> list = instance.getWhen("/reports/awaiting-sign-out",
                        r -> r.statusCode() == 200 && accessions(r.body()).size() == CASES - 1);
                assertThat(accessions(list.body())).hasSize(CASES - 1).doesNotContain(signed);
            }
        }
    }

    private static List<String> accessions(String worklist) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("\"accessionId\":\"([^\"]+)\"").matcher(worklist);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** One accession with an RNA NGS order resulted negative and settled, on a partition of its own number. */
    private static String sendResultedCase(TopicIo io, Topics topics, int i) {
        String id = String.format("NT26-%02d-%06d", i % PARTITIONS, i + 1);
        io.send(topics.accessions(), List.<Map.Entry<String, AccessionEvent>>of(Map.entry(id,
                LabEvents.accessioned(id, "SP-" + i, LabEvents.ffpeWorkUp().build()))));
        io.send(topics.assayOrders(), List.<Map.Entry<String, AssayOrderEvent>>of(Map.entry(id,
                LifecycleEvents.ordered(id, id + "-RNA1", AssayType.RNA_NGS, null, null, AT))));
        io.send(topics.assayStatus(), List.<Map.Entry<String, AssayStatusEvent>>of(Map.entry(id,
                LifecycleEvents.resulted(id, id + "-RNA1", AssayType.RNA_NGS, AssayInterpretation.NEGATIVE, AT))));
        io.send(topics.assayOrders(), List.<Map.Entry<String, AssayOrderEvent>>of(Map.entry(id,
                LifecycleEvents.settled(id, id + "-RNA1", AssayType.RNA_NGS, AssayInterpretation.NEGATIVE, AT))));
        return id;
    }
}
