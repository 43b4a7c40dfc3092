package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportCommandEvent;
import org.ntrklab.events.ReportCommandRejected;
import org.ntrklab.events.ReportCommandRejection;
import org.ntrklab.events.ReportDrafted;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportSignOutRequested;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.ResultCorrectionRequested;
import org.ntrklab.events.RevisionReason;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reporting.ReportingApplication;
import org.ntrklab.testkit.PrometheusText;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.LifecycleEvents;
import org.ntrklab.testkit.RunningService;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.testkit.SharedInfrastructure;
import org.ntrklab.testkit.TestNamespace;

/**
 * The reporting service as it runs in production, on the real broker and registry: the upstream topics
 * carry one case whose RNA-NGS found no fusion; the report is drafted once reflex announces the case
 * settled, signed out through the REST API, exported as FHIR and HL7 v2, and then the result is corrected
 * (a fusion was missed in analysis). The correction issues version 2 CORRECTED with its reason, and
 * version 1 stays exactly as it was issued (docs/reporting.md: a version is never changed once written).
 */
class ReportSignOutAndCorrectionPipelineTest {

    private static final int PARTITIONS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final String ACC = "NT26-RP-000001";
    private static final String OTHER = "NT26-RP-000002";
    private static final String RNA = ACC + "-RNA1";
    private static final Instant AT = LabEvents.RECEIVED_AT.plus(Duration.ofDays(3));

    /** The corrected result in Avro's JSON encoding, as a LIMS or a pathologist's tool would post it. */
    private static final String CORRECTION = """
            {"orderId": "%s", "kind": "CORRECTION", "reason": "ANALYSIS_ERROR", "pathologistRef": "PATH-0042",
             "explanation": "fusion filtered out by a misconfigured panel blacklist",
             "correctedResult": {
               "panel": "RNA fusion panel", "call": "FUSION_DETECTED", "mappedReads": 3200000,
               "runQcPassed": true,
               "fusions": [{"fivePrimeGene": "ETV6", "threePrimeGene": "NTRK3",
                 "fivePrimeExon": 5, "threePrimeExon": 15,
                 "inFrame": true, "kinaseDomainRetained": true,
                 "supportingReads": 412, "uniqueMolecules": 96}]}}
            """.formatted(RNA);

    @Test
    void aResultCorrectedAfterSignOutIsIssuedAsVersionTwoCorrectedAndVersionOneStaysAsIssued(TestInfo info)
            throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        TestNamespace ns = TestNamespace.of(info);
        Topics topics = new Topics(ns.topicPrefix(), PARTITIONS, (short) 1);
        TopicIo io = TopicIo.onSharedInfrastructure();

        try (RunningService reporting = RunningService.start(ReportingApplication.class, "reporting", ns, PARTITIONS,
                Map.of())) {
            // Unknown accession: a clear 404.
            HttpResponse<String> unknown = reporting.getWhen("/reports/NT26-XX-999999", r -> true);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("reporting has no such accession").doesNotContain("NT26-XX-999999");

            // Upstream facts, as accessioning, reflex and assay-tracking write them.
            for (String acc : List.of(ACC, OTHER)) {
                io.send(topics.accessions(), List.of(Map.entry(acc, LabEvents.accessioned(acc, "SP-" + acc,
                        LabEvents.ffpeWorkUp().build()))));
                io.send(topics.assayOrders(), List.of(Map.entry(acc,
                        LifecycleEvents.ordered(acc, acc + "-RNA1", AssayType.RNA_NGS, null, null, AT))));
                io.send(topics.assayStatus(), List.of(Map.entry(acc, LifecycleEvents.resulted(acc, acc + "-RNA1",
                        AssayType.RNA_NGS, AssayInterpretation.NEGATIVE, AT.plus(Duration.ofDays(4))))));
            }
            HttpResponse<String> waiting = reporting.getWhen("/reports/" + ACC,
                    r -> r.statusCode() == 200 && r.body().contains("reflex to decide"));
            assertThat(waiting.body()).as("no draft before reflex settles").contains("AWAITING_RESULTS")
                    .contains("reflex to decide");
            for (String acc : List.of(ACC, OTHER)) {
                io.send(topics.assayOrders(), List.of(Map.entry(acc, LifecycleEvents.settled(acc, acc + "-RNA1",
                        AssayType.RNA_NGS, AssayInterpretation.NEGATIVE, AT.plus(Duration.ofDays(4))))));
            }
            assertThat(reporting.getWhen("/reports/" + ACC, r -> r.body().contains("AWAITING_SIGN_OUT")).body())
                    .contains("\"version\":1");

            // Sign-out through the REST API as the demo pathologist, whatever the body claims; a second sign-out
            // of the same version is refused.
            assertThat(reporting.post("/reports/" + ACC + "/sign-out",
                    "{\"reportVersion\": 2, \"pathologistRef\": \"PATH-0007\"}").statusCode()).isEqualTo(409);
            HttpResponse<String> signed = reporting.post("/reports/" + ACC + "/sign-out",
                    "{\"reportVersion\": 1, \"pathologistRef\": \"PATH-0007\"}");
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
            assertThat(reporting.getWhen("/reports/" + ACC, r -> r.body().contains("\"status\":\"FINAL\"")).body())
                    .contains("\"status\":\"FINAL\"");
            assertThat(reporting.post("/reports/" + ACC + "/sign-out",
                    "{\"reportVersion\": 1, \"pathologistRef\": \"PATH-0007\"}").statusCode()).isEqualTo(409);

            // The exports parse back with the HAPI libraries.
            String pathologist = SharedIdentity.get().token(LabAccounts.DEMO_PATHOLOGIST);
            HttpResponse<String> fhir = reporting.get("/reports/" + ACC + "/fhir", pathologist);
            assertThat(fhir.statusCode()).isEqualTo(200);
            Bundle bundle = FhirContext.forR4().newJsonParser().parseResource(Bundle.class, fhir.body());
            DiagnosticReport report = (DiagnosticReport) bundle.getEntryFirstRep().getResource();
            assertThat(report.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
            assertThat(report.getCode().getCodingFirstRep().getCode()).isEqualTo("81247-9");
            assertThat(bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(Observation.class::isInstance).map(Observation.class::cast)
                    .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("51968-6"))
                    .map(o -> o.getValueCodeableConcept().getCodingFirstRep().getCode()))
                    .containsExactly("LA6577-6");
            HttpResponse<String> hl7 = reporting.get("/reports/" + ACC + "/hl7v2", pathologist);
            assertThat(hl7.statusCode()).isEqualTo(200);
            try (HapiContext hapi = new DefaultHapiContext()) {
                ORU_R01 oru = (ORU_R01) hapi.getPipeParser().parse(hl7.body());
                assertThat(oru.getPATIENT_RESULT().getORDER_OBSERVATION().getOBR().getResultStatus().getValue())
                        .isEqualTo("F");
            }
            assertThat(reporting.get("/reports/NT26-XX-999999/fhir", pathologist).statusCode()).isEqualTo(404);

            // A malformed correction is refused at the door; a valid one is accepted and applied.
            HttpResponse<String> malformed = reporting.post("/reports/" + ACC + "/corrections", "{\"orderId\": 1}");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).contains("orderId").contains("must be text");
            HttpResponse<String> corrected = reporting.post("/reports/" + ACC + "/corrections", CORRECTION);
            assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(202);
            assertThat(reporting.getWhen("/reports/" + ACC, r -> r.body().contains("\"status\":\"CORRECTED\"")).body())
                    .contains("\"status\":\"CORRECTED\"");

            // A command sent twice with the same event id is applied once; one naming a stale version is rejected.
            ReportCommandEvent signOther = signOut(OTHER, 1, "PATH-0009");
            io.send(topics.reportCommands(), List.of(Map.entry(OTHER, signOther), Map.entry(OTHER, signOther),
                    Map.entry(OTHER, signOut(OTHER, 5, "PATH-0009"))));

            List<ConsumerRecord<String, ReportEvent>> records = io.read(topics.reports(), 6, WAIT, QUIET);
            List<ReportEvent> mine = records.stream().filter(r -> r.key().equals(ACC)).map(ConsumerRecord::value)
                    .toList();
            assertThat(mine).hasSize(3);
            ReportDrafted draft = (ReportDrafted) mine.get(0).getPayload();
            ReportIssued v1 = (ReportIssued) mine.get(1).getPayload();
            ReportIssued v2 = (ReportIssued) mine.get(2).getPayload();
            assertThat(draft.getVersion()).isEqualTo(1);
            assertThat(v1.getVersion()).isEqualTo(1);
            assertThat(v1.getStatus()).isEqualTo(ReportStatus.FINAL);
            assertThat(v1.getSignedOutBy()).as("the token's subject, not the body's pathologistRef")
                    .isEqualTo(LabAccounts.DEMO_PATHOLOGIST);
            assertThat(v1.getSignedOutByName()).isEqualTo("Demo Pathologist");
            assertThat(v1.getContent()).isEqualTo(draft.getContent());
            assertThat(v1.getContent().getOverallCall()).isEqualTo(OverallCall.NEGATIVE);
            assertThat(v2.getVersion()).isEqualTo(2);
            assertThat(v2.getStatus()).isEqualTo(ReportStatus.CORRECTED);
            assertThat(v2.getSupersedesVersion()).isEqualTo(1);
            assertThat(v2.getRevisionReason()).isEqualTo(RevisionReason.ANALYSIS_ERROR);
            assertThat(v2.getRevisionExplanation()).isEqualTo("fusion filtered out by a misconfigured panel blacklist");
            assertThat(v2.getSignedOutBy()).isEqualTo(LabAccounts.DEMO_PATHOLOGIST);
            assertThat(v2.getSignedOutByName()).isEqualTo("Demo Pathologist");
            assertThat(v2.getContent().getInterpretation()).contains("corrected by " + LabAccounts.DEMO_PATHOLOGIST)
                    .doesNotContain("PATH-0042");
            assertThat(v2.getContent().getOverallCall()).isEqualTo(OverallCall.POSITIVE);
            assertThat(v2.getContent().getFusions()).singleElement().satisfies(f -> {
                assertThat(f.getHgncName()).isEqualTo("ETV6::NTRK3");
                assertThat(f.getDescription()).isEqualTo("ETV6 exon 5 :: NTRK3 exon 15");
            });

            // The REST history still holds version 1 exactly as issued.
            String history = reporting.get("/reports/" + ACC).body();
            assertThat(history).contains("\"kind\":\"FINAL\"").contains("\"kind\":\"CORRECTED\"")
                    .contains("\"overallCall\":\"NEGATIVE\"").contains("\"overallCall\":\"POSITIVE\"");
            HttpResponse<String> v1Fhir = reporting.get("/reports/" + ACC + "/fhir?version=1", pathologist);
            DiagnosticReport v1Report = (DiagnosticReport) FhirContext.forR4().newJsonParser()
                    .parseResource(Bundle.class, v1Fhir.body()).getEntryFirstRep().getResource();
            assertThat(v1Report.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);

            List<Object> others = records.stream().filter(r -> r.key().equals(OTHER))
                    .map(r -> r.value().getPayload()).toList();
            assertThat(others).hasSize(3);
            assertThat(others.get(1)).isInstanceOfSatisfying(ReportIssued.class,
                    i -> assertThat(i.getStatus()).isEqualTo(ReportStatus.FINAL));
            assertThat(others.get(2)).isInstanceOfSatisfying(ReportCommandRejected.class,
                    r -> assertThat(r.getRejection()).isEqualTo(ReportCommandRejection.NOTHING_TO_SIGN_OUT));

            // The commands the API wrote carry the caller's identity, in the envelope and as pathologistRef.
            List<ReportCommandEvent> written = io.read(topics.reportCommands(), 5, WAIT, QUIET).stream()
                    .map(ConsumerRecord::value).filter(c -> c.getAccessionId().equals(ACC)).toList();
            assertThat(written).hasSize(2).allSatisfy(c -> {
                assertThat(c.getActor().getSubject()).isEqualTo(LabAccounts.DEMO_PATHOLOGIST);
                assertThat(c.getActor().getDisplayName()).isEqualTo("Demo Pathologist");
            });
            assertThat(written.get(0).getPayload()).isInstanceOfSatisfying(ReportSignOutRequested.class,
                    s -> assertThat(s.getPathologistRef()).isEqualTo(LabAccounts.DEMO_PATHOLOGIST));
            assertThat(written.get(1).getPayload()).isInstanceOfSatisfying(ResultCorrectionRequested.class,
                    k -> assertThat(k.getPathologistRef()).isEqualTo(LabAccounts.DEMO_PATHOLOGIST));

            PrometheusText metrics = new PrometheusText(reporting.get("/actuator/prometheus",
                    SharedIdentity.get().token(LabAccounts.MONITORING)).body());
            assertThat(metrics.value("ntrk_reports_total", "overall_status=\"NEGATIVE\"", "version_kind=\"FINAL\""))
                    .isEqualTo(2);
            assertThat(metrics.value("ntrk_reports_total", "overall_status=\"POSITIVE\"",
                    "version_kind=\"CORRECTED\"")).isEqualTo(1);
            assertThat(metrics.value("ntrk_report_sign_out_latency_seconds_count", "version_kind=\"FINAL\""))
                    .isEqualTo(2);
            assertThat(metrics.value("ntrk_report_command_rejections_total",
                    "rejection=\"NOTHING_TO_SIGN_OUT\"")).isEqualTo(1);
            assertThat(metrics.value("ntrk_reports_awaiting_sign_out")).isZero();
        }
    }

    private static ReportCommandEvent signOut(String accessionId, int version, String pathologist) {
        return LifecycleEvents.signOut(accessionId, version, pathologist, AT.plus(Duration.ofDays(5)));
    }
}
