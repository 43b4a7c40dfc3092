package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.ReportCommandEvent;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportSignOutRequested;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.reporting.ReportingApplication;
import org.ntrklab.testkit.LabEvents;
import org.ntrklab.testkit.LifecycleEvents;
import org.ntrklab.testkit.RunningService;
import org.ntrklab.testkit.SharedIdentity;
import org.ntrklab.testkit.TestNamespace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what with a report, on the running reporting service with tokens from the real identity
 * provider: every command is refused without a token (401) and with a token of another role (403), and
 * then nothing reaches lab.report-commands; a pathologist's sign-out is recorded as the pathologist the
 * token names, whatever the body says; the patient reference and the exports are a pathologist's only;
 * oversized bodies are refused; refusals never repeat what was sent.
 */
class ReportApiAccessTest {

    private static final int PARTITIONS = 2;
    private static final String ACC = "NT26-RA-000001";
    private static final Instant AT = LabEvents.RECEIVED_AT.plus(Duration.ofDays(2));
    private static final String PATIENT_REF = "\"patientRef\":\"PSN-[^\"]+\"";
    private static final String MARKER = "zz-echo-marker";
    private static final String NEEDS_PATHOLOGIST = "this endpoint needs role pathologist";
    /** A correction as the API documents it: without pathologistRef, which is the caller's. */
    private static final String CORRECTION = """
            {"orderId": "%s-RNA1", "kind": "CORRECTION", "reason": "ANALYSIS_ERROR",
             "explanation": "fusion filtered out by a misconfigured panel blacklist",
             "correctedResult": {
               "panel": "RNA fusion panel", "call": "FUSION_DETECTED", "mappedReads": 3200000,
               "runQcPassed": true,
               "fusions": [{"fivePrimeGene": "ETV6", "threePrimeGene": "NTRK3",
                 "fivePrimeExon": 5, "threePrimeExon": 15,
                 "inFrame": true, "kinaseDomainRetained": true,
                 "supportingReads": 412, "uniqueMolecules": 96}]}}
            """.formatted(ACC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void onlyAPathologistSignsOutOrCorrectsAndTheTokenNotTheBodySaysWhoSigned(TestInfo info) throws Exception {
        TestNamespace ns = TestNamespace.of(info);
        Topics topics = new Topics(ns.topicPrefix(), PARTITIONS, (short) 1);
        TopicIo io = TopicIo.onSharedInfrastructure();
        SharedIdentity identity = SharedIdentity.get();
        String lab = identity.token(LabAccounts.LAB_READER);
        String pathologist = identity.token(LabAccounts.DEMO_PATHOLOGIST);
        String operator = identity.token(LabAccounts.OPERATOR);
        String monitoring = identity.token(LabAccounts.MONITORING);

        try (RunningService reporting = RunningService.start(ReportingApplication.class, "reporting", ns, PARTITIONS,
                Map.of())) {
            io.send(topics.accessions(), List.of(Map.entry(ACC, LabEvents.accessioned(ACC, "SP-RA-1",
                    LabEvents.ffpeWorkUp().build()))));
            io.send(topics.assayOrders(), List.of(Map.entry(ACC,
                    LifecycleEvents.ordered(ACC, ACC + "-RNA1", AssayType.RNA_NGS, null, null, AT))));
            io.send(topics.assayStatus(), List.of(Map.entry(ACC, LifecycleEvents.resulted(ACC, ACC + "-RNA1",
                    AssayType.RNA_NGS, AssayInterpretation.NEGATIVE, AT))));
            io.send(topics.assayOrders(), List.of(Map.entry(ACC, LifecycleEvents.settled(ACC, ACC + "-RNA1",
                    AssayType.RNA_NGS, AssayInterpretation.NEGATIVE, AT))));
            assertThat(reporting.getWhen("/reports/" + ACC, r -> r.body().contains("AWAITING_SIGN_OUT")).body())
                    .contains("AWAITING_SIGN_OUT");

            // The patient reference is a pathologist's to see; so are the exports, which carry it.
            assertThat(reporting.get("/reports/" + ACC, lab).body()).contains("\"patientRef\":null")
                    .doesNotContainPattern(PATIENT_REF);
            assertThat(reporting.get("/reports/" + ACC, operator).body()).doesNotContainPattern(PATIENT_REF);
            assertThat(reporting.get("/reports/" + ACC, pathologist).body()).containsPattern(PATIENT_REF);
            for (String export : List.of("/fhir", "/hl7v2")) {
                assertRefused(reporting.get("/reports/" + ACC + export, null), 401);
                assertRefused(reporting.get("/reports/" + ACC + export, lab), 403, NEEDS_PATHOLOGIST);
                assertThat(reporting.get("/reports/" + ACC + export, pathologist).statusCode()).isEqualTo(200);
            }
            assertRefused(reporting.get("/reports/" + ACC, monitoring), 403);

            // Commands: no token, 401; any role but pathologist, 403.
            String signOut = "{\"reportVersion\": 1}";
            for (String command : List.of("/sign-out", "/corrections")) {
                String body = command.equals("/sign-out") ? signOut : CORRECTION;
                assertRefused(reporting.post("/reports/" + ACC + command, body, null), 401);
                for (String wrongRole : List.of(lab, operator, monitoring, identity.token(LabAccounts.SERVICES))) {
                    assertRefused(reporting.post("/reports/" + ACC + command, body, wrongRole), 403,
                            NEEDS_PATHOLOGIST);
                }
            }
            // Too large, or not what it should be: refused without repeating it.
            String huge = "{\"reportVersion\": 1, \"note\": \"" + MARKER + "x".repeat(100 * 1024) + "\"}";
            assertRefused(reporting.post("/reports/" + ACC + "/sign-out", huge, pathologist), 413);
            assertRefused(reporting.post("/reports/" + ACC + "/corrections", huge, pathologist), 413);
            assertRefused(reporting.post("/reports/" + ACC + "/corrections",
                    "{\"orderId\": \"" + MARKER + "\", \"assay\": \"" + MARKER + "\"}", pathologist), 400);
            assertRefused(reporting.post("/reports/" + ACC + "/corrections", "[\"" + MARKER + "\"]", pathologist), 400);
            assertRefused(reporting.getWhen("/reports/NT26-" + MARKER, pathologist, r -> r.statusCode() != 503), 404);
            assertRefused(reporting.post("/reports/NT26-" + MARKER + "/sign-out", signOut, pathologist), 404);
            assertThat(io.read(topics.reportCommands(), 1, Duration.ofSeconds(5), Duration.ofSeconds(5)))
                    .as("no refused command reaches lab.report-commands").isEmpty();

            // The pathologist signs; the body's pathologistRef is not who signed.
            HttpResponse<String> signed = reporting.post("/reports/" + ACC + "/sign-out",
                    "{\"reportVersion\": 1, \"pathologistRef\": \"PATH-IMPOSTOR\"}", pathologist);
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
            List<ConsumerRecord<String, ReportCommandEvent>> commands =
                    io.read(topics.reportCommands(), 1, Duration.ofSeconds(60), Duration.ofSeconds(1));
            assertThat(commands).singleElement().satisfies(c -> {
                assertThat(c.value().getActor().getSubject()).isEqualTo(LabAccounts.DEMO_PATHOLOGIST);
                assertThat(c.value().getActor().getDisplayName()).isEqualTo("Demo Pathologist");
                assertThat(((ReportSignOutRequested) c.value().getPayload()).getPathologistRef())
                        .isEqualTo(LabAccounts.DEMO_PATHOLOGIST);
            });
            List<ConsumerRecord<String, ReportEvent>> reports =
                    io.read(topics.reports(), 2, Duration.ofSeconds(60), Duration.ofSeconds(1));
            assertThat(reports).hasSize(2);
            assertThat(reports.get(1).value().getPayload()).isInstanceOfSatisfying(ReportIssued.class, issued -> {
                assertThat(issued.getSignedOutBy()).isEqualTo(LabAccounts.DEMO_PATHOLOGIST);
                assertThat(issued.getSignedOutByName()).isEqualTo("Demo Pathologist");
            });
            String view = reporting.getWhen("/reports/" + ACC, r -> r.body().contains("\"status\":\"FINAL\"")).body();
            assertThat(view).contains("\"signedOutBy\":\"" + LabAccounts.DEMO_PATHOLOGIST + "\"")
                    .contains("\"signedOutByName\":\"Demo Pathologist\"").doesNotContain("PATH-IMPOSTOR");

            // A correction names no pathologist at all: the caller corrects, and signs the version it issues.
            HttpResponse<String> corrected = reporting.post("/reports/" + ACC + "/corrections", CORRECTION, pathologist);
            assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(202);
            List<ConsumerRecord<String, ReportEvent>> revised =
                    io.read(topics.reports(), 3, Duration.ofSeconds(60), Duration.ofSeconds(1));
            assertThat(revised).hasSize(3);
            assertThat(revised.get(2).value().getPayload()).isInstanceOfSatisfying(ReportIssued.class, issued -> {
                assertThat(issued.getStatus()).isEqualTo(ReportStatus.CORRECTED);
                assertThat(issued.getSignedOutBy()).isEqualTo(LabAccounts.DEMO_PATHOLOGIST);
                assertThat(issued.getSignedOutByName()).isEqualTo("Demo Pathologist");
            });

            // Probes stay open; metrics are for monitoring.
            assertThat(reporting.get("/actuator/health", null).statusCode()).isEqualTo(200);
            assertRefused(reporting.get("/actuator/prometheus", null), 401);
            assertRefused(reporting.get("/actuator/prometheus", lab), 403);
            assertThat(reporting.get("/actuator/prometheus", monitoring).statusCode()).isEqualTo(200);
        }
    }

    private static void assertRefused(HttpResponse<String> response, int status) throws Exception {
        assertRefused(response, status, null);
    }

    /** The status, a JSON body with only an error, and none of what the caller sent in it. */
    private static void assertRefused(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.propertyNames()).containsExactly("error");
        if (error != null) {
            assertThat(body.get("error").asString()).isEqualTo(error);
        }
        // Nor the caller's token (every JWT starts with the encoded '{"').
        assertThat(response.body()).doesNotContain(MARKER).doesNotContain("eyJ");
    }
}
