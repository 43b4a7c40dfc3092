package org.ntrklab.scenarios;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.v251.datatype.CWE;
import ca.uhn.hl7v2.model.v251.datatype.FT;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_OBSERVATION;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.segment.NTE;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.QcLimitation;
import org.ntrklab.events.ReportContent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.events.ReportedFusion;
import org.ntrklab.identity.LabAccounts;
import org.ntrklab.testkit.SharedIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a receiving system sees of a report: the reporting service's REST view, its FHIR R4 Bundle (HL7 Genomics
 * Reporting IG) and its HL7 v2.5.1 ORU^R01, each parsed back (FHIR and HL7 v2 with HAPI) and compared with the
 * report on ntrk.reports and with the codes a receiver relies on.
 */
final class ReportExports {

    /** LOINC answers of 51968-6 "Genetic analysis overall interpretation" (answer list LL541-4). */
    static final Map<OverallCall, String> LOINC_ANSWER = Map.of(
            OverallCall.POSITIVE, "LA6576-8",
            OverallCall.NEGATIVE, "LA6577-6",
            OverallCall.INCONCLUSIVE, "LA9663-1",
            OverallCall.FAILURE, "LA9664-9",
            // A fusion of uncertain significance is not a positive: it is reported as inconclusive (2026.2 rule 3).
            OverallCall.FUSION_OF_UNCERTAIN_SIGNIFICANCE, "LA9663-1");
    static final String POSITIVE = "LA6576-8";
    static final String OVERALL_INTERPRETATION = "51968-6";
    static final String VARIANT_ASSESSMENT = "69548-6";
    static final String GENE_STUDIED = "48018-6";
    /** HGNC ids of the NTRK genes (HGNC database). */
    static final Map<NtrkGene, String> HGNC = Map.of(NtrkGene.NTRK1, "HGNC:8031", NtrkGene.NTRK2, "HGNC:8032",
            NtrkGene.NTRK3, "HGNC:8033");

    private static final FhirContext FHIR = FhirContext.forR4();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Lab lab;

    ReportExports(Lab lab) {
        this.lab = lab;
    }

    /** Every disagreement between the exports and the report (or the expected call); null if none. */
    String problems(CaseRecord r, OverallCall expectedCall) throws Exception {
        ReportIssued issued = r.latest();
        if (issued == null) {
            return "no report to export";
        }
        ReportContent content = issued.getContent();
        List<String> problems = new ArrayList<>();
        rest(r.accessionId, issued, problems);
        fhir(r.accessionId, issued, expectedCall, problems);
        hl7(r.accessionId, issued, expectedCall, problems);
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private void rest(String accession, ReportIssued issued, List<String> problems) throws InterruptedException {
        HttpResponse<String> view = lab.reporting().getWhen("/reports/" + accession, x -> x.statusCode() != 503);
        if (view.statusCode() != 200) {
            problems.add("REST: GET /reports/" + accession + " -> " + view.statusCode());
            return;
        }
        JsonNode root = JSON.readTree(view.body());
        if (!issued.getStatus().name().equals(root.path("status").asString())) {
            problems.add("REST: status " + root.path("status").asString() + ", the report is " + issued.getStatus());
        }
        JsonNode body = root.path("latest").path("body");
        if (!issued.getContent().getOverallCall().name().equals(body.path("overallCall").asString())) {
            problems.add("REST: overall call " + body.path("overallCall").asString());
        }
        List<String> restRules = new ArrayList<>();
        body.path("qcLimitations").forEach(q -> restRules.add(q.path("ruleId").asString() + "/"
                + q.path("assay").asString() + "/" + q.path("verdict").asString()));
        List<String> reportRules = issued.getContent().getQcLimitations().stream()
                .map(q -> q.getRuleId() + "/" + q.getAssay() + "/" + q.getVerdict()).toList();
        if (!sorted(restRules).equals(sorted(reportRules))) {
            problems.add("REST: QC limitations " + restRules + ", the report has " + reportRules);
        }
    }

    private void fhir(String accession, ReportIssued issued, OverallCall expectedCall, List<String> problems) {
        ReportContent content = issued.getContent();
        HttpResponse<String> answer = lab.reporting().get("/reports/" + accession + "/fhir", pathologist());
        if (answer.statusCode() != 200) {
            problems.add("FHIR: " + answer.statusCode());
            return;
        }
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, answer.body());
        List<Object> resources = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .map(Object.class::cast).toList();
        DiagnosticReport report = resources.stream().filter(DiagnosticReport.class::isInstance)
                .map(DiagnosticReport.class::cast).findFirst().orElse(null);
        if (report == null) {
            problems.add("FHIR: no DiagnosticReport");
            return;
        }
        String wantedStatus = issued.getStatus() == ReportStatus.FINAL ? "final"
                : issued.getStatus() == ReportStatus.CORRECTED ? "corrected" : "amended";
        if (!wantedStatus.equals(report.getStatus().toCode())) {
            problems.add("FHIR: DiagnosticReport status " + report.getStatus().toCode());
        }
        List<Observation> observations = resources.stream().filter(Observation.class::isInstance)
                .map(Observation.class::cast).toList();
        List<Observation> overall = observations.stream().filter(o -> code(o.getCode()).equals(OVERALL_INTERPRETATION))
                .toList();
        List<Observation> variants = observations.stream().filter(o -> code(o.getCode()).equals(VARIANT_ASSESSMENT))
                .toList();
        if (overall.size() != 1) {
            problems.add("FHIR: " + overall.size() + " overall-interpretation Observations");
            return;
        }
        Observation o = overall.get(0);
        CodeableConcept value = o.hasValueCodeableConcept() ? o.getValueCodeableConcept() : new CodeableConcept();
        String answerCode = code(value);
        if (!LOINC_ANSWER.get(expectedCall).equals(answerCode)) {
            problems.add("FHIR: overall interpretation " + answerCode + " (" + display(value) + "), expected "
                    + LOINC_ANSWER.get(expectedCall) + " for " + expectedCall);
        }
        if (expectedCall == OverallCall.FUSION_OF_UNCERTAIN_SIGNIFICANCE) {
            String said = display(value) + " " + notes(o.getNote());
            if (!Scenario.find("(?i)uncertain significance", said)) {
                problems.add("FHIR: the overall interpretation does not name uncertain significance: " + said);
            }
        }
        if (variants.size() != content.getFusions().size()) {
            problems.add("FHIR: " + variants.size() + " variant Observations for " + content.getFusions().size()
                    + " fusions");
        }
        for (int i = 0; i < Math.min(variants.size(), content.getFusions().size()); i++) {
            ReportedFusion f = content.getFusions().get(i);
            String hgnc = HGNC.get(f.getNtrkGene());
            boolean studied = variants.get(i).getComponent().stream()
                    .filter(c -> code(c.getCode()).equals(GENE_STUDIED) && c.hasValueCodeableConcept())
                    .flatMap(c -> c.getValueCodeableConcept().getCoding().stream()).anyMatch(c -> hgnc.equals(c.getCode()));
            if (!studied) {
                problems.add("FHIR: variant " + (i + 1) + " (" + f.getHgncName() + ") does not code " + f.getNtrkGene()
                        + " as " + hgnc);
            }
        }
        String overallNotes = notes(o.getNote());
        String conclusion = report.getConclusion() == null ? "" : report.getConclusion();
        for (QcLimitation q : content.getQcLimitations()) {
            if (!overallNotes.contains(q.getStatement())) {
                problems.add("FHIR: " + q.getRuleId() + " is not a note of the overall interpretation");
            }
            if (!conclusion.contains(q.getStatement()) && !conclusion.contains(q.getRuleId())) {
                problems.add("FHIR: " + q.getRuleId() + " is not in DiagnosticReport.conclusion");
            }
            for (int i = 0; i < Math.min(variants.size(), content.getFusions().size()); i++) {
                if (q.getOrderId() != null && content.getFusions().get(i).getDetectedBy() == q.getAssay()
                        && !notes(variants.get(i).getNote()).contains(q.getStatement())) {
                    problems.add("FHIR: " + q.getRuleId() + " of " + q.getAssay() + " is not a note of the variant "
                            + content.getFusions().get(i).getHgncName() + " it qualifies");
                }
            }
        }
    }

    private void hl7(String accession, ReportIssued issued, OverallCall expectedCall, List<String> problems)
            throws Exception {
        HttpResponse<String> answer = lab.reporting().get("/reports/" + accession + "/hl7v2", pathologist());
        if (answer.statusCode() != 200) {
            problems.add("HL7 v2: " + answer.statusCode());
            return;
        }
        try (HapiContext hapi = new DefaultHapiContext()) {
            ORU_R01 oru = (ORU_R01) hapi.getPipeParser().parse(answer.body());
            ORU_R01_ORDER_OBSERVATION order = oru.getPATIENT_RESULT().getORDER_OBSERVATION();
            String status = order.getOBR().getResultStatus().getValue();
            String wanted = issued.getStatus() == ReportStatus.FINAL ? "F" : "C";
            if (!wanted.equals(status)) {
                problems.add("HL7 v2: OBR-25 " + status);
            }
            String overall = null;
            String overallText = null;
            for (ORU_R01_OBSERVATION observation : order.getOBSERVATIONAll()) {
                OBX obx = observation.getOBX();
                if (OVERALL_INTERPRETATION.equals(obx.getObservationIdentifier().getIdentifier().getValue())) {
                    Type data = obx.getObservationValue(0).getData();
                    if (data instanceof CWE cwe) {
                        overall = cwe.getIdentifier().getValue();
                        overallText = cwe.getText().getValue();
                    }
                }
            }
            if (!LOINC_ANSWER.get(expectedCall).equals(overall)) {
                problems.add("HL7 v2: overall OBX " + overall + " (" + overallText + "), expected "
                        + LOINC_ANSWER.get(expectedCall));
            }
            if (expectedCall != OverallCall.POSITIVE && (POSITIVE.equals(overall) || "Positive".equals(overallText))) {
                problems.add("HL7 v2: overall OBX says Positive");
            }
            List<String> comments = new ArrayList<>();
            for (NTE nte : order.getNTEAll()) {
                comments.add(java.util.Arrays.stream(nte.getComment()).map(FT::getValue)
                        .collect(Collectors.joining("\n")));
            }
            for (QcLimitation q : issued.getContent().getQcLimitations()) {
                if (comments.stream().noneMatch(c -> c.contains(q.getStatement()))) {
                    problems.add("HL7 v2: " + q.getRuleId() + " is not an NTE note");
                }
            }
        }
    }

    private static String code(CodeableConcept concept) {
        return concept.getCoding().stream().map(Coding::getCode).filter(c -> c != null).findFirst().orElse("");
    }

    private static String display(CodeableConcept concept) {
        return (concept.getText() == null ? "" : concept.getText() + " ")
                + concept.getCoding().stream().map(Coding::getDisplay).filter(d -> d != null)
                        .collect(Collectors.joining(" "));
    }

    private static String notes(List<Annotation> notes) {
        return notes.stream().map(Annotation::getText).collect(Collectors.joining("\n"));
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }

    /** The exports carry the patient reference: only a pathologist may fetch them. */
    private static String pathologist() {
        return SharedIdentity.get().token(LabAccounts.DEMO_PATHOLOGIST);
    }
}
