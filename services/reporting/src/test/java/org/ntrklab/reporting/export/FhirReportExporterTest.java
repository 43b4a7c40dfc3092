package org.ntrklab.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ntrklab.reporting.export.ExportFixtures.ACCESSION;
import static org.ntrklab.reporting.export.ExportFixtures.CONCORDANCE;
import static org.ntrklab.reporting.export.ExportFixtures.INTERPRETATION;
import static org.ntrklab.reporting.export.ExportFixtures.LIMITATIONS;
import static org.ntrklab.reporting.export.ExportFixtures.ORDER;
import static org.ntrklab.reporting.export.ExportFixtures.PATIENT_REF;
import static org.ntrklab.reporting.export.ExportFixtures.SIGNED_OUT_BY;
import static org.ntrklab.reporting.export.ExportFixtures.SPECIMEN;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.OverallCall;

/**
 * The FHIR R4 export, read back with HAPI's own parser. Codes and profiles: HL7 Genomics Reporting IG
 * (STU3); overall call answers: LOINC LL541-4; gene ids: HGNC.
 */
class FhirReportExporterTest {

    private static final FhirContext FHIR = FhirContext.forR4();
    private static final String LOINC = "http://loinc.org";
    private static final String HGNC = "http://www.genenames.org/geneId";
    private static final String IG = "http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/";

    private final FhirReportExporter exporter = new FhirReportExporter();

    @Test
    @DisplayName("POSITIVE ETV6::NTRK3: genomics-report, overall interpretation and variant (HL7 Genomics Reporting IG (STU3), LOINC LL541-4, HGNC)")
    void positiveReportRoundTrips() {
        String json = exporter.toJson(ExportFixtures.finalReport(ExportFixtures.positiveContent().build()));
        Bundle bundle = parse(json);

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntry()).hasSize(3);
        assertThat(bundle.getEntry()).allSatisfy(e -> assertThat(e.getFullUrl()).startsWith("urn:uuid:"));

        DiagnosticReport report = diagnosticReport(bundle);
        assertThat(bundle.getEntryFirstRep().getResource()).isSameAs(report);
        assertThat(report.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(IG + "genomics-report");
        assertThat(report.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
        assertCoding(report.getCode(), LOINC, "81247-9", "Master HL7 genetic variant reporting panel");
        assertCoding(report.getCategoryFirstRep(), "http://terminology.hl7.org/CodeSystem/v2-0074", "GE", "Genetics");
        assertThat(report.getIdentifierFirstRep().getSystem()).isEqualTo("urn:ntrklab:report");
        assertThat(report.getIdentifierFirstRep().getValue()).isEqualTo(ACCESSION + "/v1");
        assertLogicalReference(report.getSubject(), "Patient", "urn:ntrklab:patient-ref", PATIENT_REF);
        assertLogicalReference(report.getBasedOnFirstRep(), "ServiceRequest", "urn:ntrklab:lims-order", ORDER);
        assertLogicalReference(report.getSpecimenFirstRep(), "Specimen", "urn:ntrklab:specimen", SPECIMEN);
        assertThat(report.getIssued().toInstant()).isEqualTo(ExportFixtures.ISSUED);
        assertThat(report.getResultsInterpreterFirstRep().getDisplay()).isEqualTo(SIGNED_OUT_BY);
        assertThat(report.getResultsInterpreterFirstRep().getIdentifier().getValue()).isEqualTo(SIGNED_OUT_BY);
        assertThat(report.getConclusion()).isEqualTo(INTERPRETATION + "\n" + CONCORDANCE);
        assertThat(report.getExtension()).isEmpty();
        // Every result reference resolves to an entry of the bundle.
        List<String> fullUrls = bundle.getEntry().stream().map(BundleEntryComponent::getFullUrl).collect(Collectors.toList());
        assertThat(report.getResult()).extracting(Reference::getReference)
                .containsExactlyElementsOf(fullUrls.subList(1, fullUrls.size()));

        Observation overall = observation(bundle, "51968-6");
        assertThat(overall.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(IG + "overall-interpretation");
        assertThat(overall.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        assertCoding(overall.getCode(), LOINC, "51968-6", "Genetic analysis overall interpretation");
        assertCoding(overall.getValueCodeableConcept(), LOINC, "LA6576-8", "Positive");
        assertThat(overall.getNote()).extracting(Annotation::getText).containsExactlyElementsOf(LIMITATIONS);

        Observation variant = observation(bundle, "69548-6");
        assertThat(variant.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(IG + "variant");
        assertThat(variant.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        assertCoding(variant.getValueCodeableConcept(), LOINC, "LA9633-4", "Present");
        assertThat(variant.getMethod().getText()).isEqualTo("RNA-NGS");
        assertLogicalReference(variant.getSubject(), "Patient", "urn:ntrklab:patient-ref", PATIENT_REF);
        List<ObservationComponentComponent> genes = components(variant, "48018-6");
        assertThat(genes).hasSize(2);
        assertCoding(genes.get(0).getValueCodeableConcept(), HGNC, "HGNC:3495", "ETV6");
        assertCoding(genes.get(1).getValueCodeableConcept(), HGNC, "HGNC:8033", "NTRK3");
        assertThat(components(variant, "81252-9")).singleElement()
                .satisfies(c -> assertThat(c.getValueCodeableConcept().getText()).isEqualTo("ETV6 exon 5 :: NTRK3 exon 15"));
        assertThat(components(variant, "48002-0")).singleElement()
                .satisfies(c -> assertCoding(c.getValueCodeableConcept(), LOINC, "LA6684-0", "Somatic"));
        assertThat(components(variant, "93044-6")).singleElement()
                .satisfies(c -> assertThat(c.getValueCodeableConcept().getText()).isEqualTo("Tier I - Level A"));
        ObservationComponentComponent consequence = variant.getComponent().stream()
                .filter(c -> c.getCode().getCodingFirstRep().getCode().equals("molecular-consequence"))
                .findFirst().orElseThrow();
        assertThat(consequence.getCode().getCodingFirstRep().getSystem())
                .isEqualTo("http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/tbd-codes-cs");
        assertCoding(consequence.getValueCodeableConcept(), "http://www.sequenceontology.org/", "SO:0001565", "gene_fusion");
    }

    @Test
    @DisplayName("No patient name, birth date or address anywhere, and no Patient resource: the subject is the LIMS pseudonym")
    void noPatientDemographics() {
        String json = exporter.toJson(ExportFixtures.finalReport(ExportFixtures.positiveContent().build()));

        assertThat(json).doesNotContain("\"name\"", "birthDate", "\"address\"", "\"resourceType\": \"Patient\"");
        assertThat(json).contains(PATIENT_REF);
    }

    @Test
    @DisplayName("FISH break-apart (partner unknown): one gene-studied component, NTRK3 HGNC:8033 (HL7 Genomics Reporting IG (STU3), HGNC)")
    void fishPositiveHasOnlyTheNtrkGene() {
        Bundle bundle = parse(exporter.toJson(ExportFixtures.finalReport(
                ExportFixtures.positiveContent().setFusions(List.of(ExportFixtures.fishNtrk3())).build())));

        Observation variant = observation(bundle, "69548-6");
        List<ObservationComponentComponent> genes = components(variant, "48018-6");
        assertThat(genes).hasSize(1);
        assertCoding(genes.get(0).getValueCodeableConcept(), HGNC, "HGNC:8033", "NTRK3");
        assertThat(variant.getMethod().getText()).isEqualTo("NTRK FISH");
        assertThat(components(variant, "93044-6")).isEmpty();
    }

    @Test
    @DisplayName("NEGATIVE: LA6577-6 and no variant Observation (LOINC LL541-4)")
    void negativeHasNoVariant() {
        Bundle bundle = parse(exporter.toJson(ExportFixtures.finalReport(
                ExportFixtures.contentWithoutFusion(OverallCall.NEGATIVE).build())));

        assertCoding(observation(bundle, "51968-6").getValueCodeableConcept(), LOINC, "LA6577-6", "Negative");
        assertThat(observations(bundle, "69548-6")).isEmpty();
        assertThat(diagnosticReport(bundle).getResult()).hasSize(1);
    }

    @Test
    @DisplayName("Each overall call maps to its LOINC LL541-4 answer")
    void everyOverallCallMapsToItsAnswer() {
        assertThat(overallAnswer(OverallCall.POSITIVE)).isEqualTo("LA6576-8|Positive");
        assertThat(overallAnswer(OverallCall.NEGATIVE)).isEqualTo("LA6577-6|Negative");
        assertThat(overallAnswer(OverallCall.INCONCLUSIVE)).isEqualTo("LA9663-1|Inconclusive");
        assertThat(overallAnswer(OverallCall.FAILURE)).isEqualTo("LA9664-9|Failure");
    }

    @Test
    @DisplayName("TPM3::NTRK1 gives HGNC:12012 + HGNC:8031; QKI::NTRK2 gives text-only QKI + HGNC:8032 (HGNC)")
    void ntrk1AndNtrk2FusionsAndAnUnlistedPartner() {
        Bundle bundle = parse(exporter.toJson(ExportFixtures.finalReport(ExportFixtures.positiveContent()
                .setFusions(List.of(
                        ExportFixtures.fusion("TPM3", "NTRK1", NtrkGene.NTRK1, "TPM3 exon 7 :: NTRK1 exon 10"),
                        ExportFixtures.fusion("QKI", "NTRK2", NtrkGene.NTRK2, "QKI exon 6 :: NTRK2 exon 16")))
                .build())));

        List<Observation> variants = observations(bundle, "69548-6");
        assertThat(variants).hasSize(2);

        List<ObservationComponentComponent> tpm3Ntrk1 = components(variants.get(0), "48018-6");
        assertThat(tpm3Ntrk1).hasSize(2);
        assertCoding(tpm3Ntrk1.get(0).getValueCodeableConcept(), HGNC, "HGNC:12012", "TPM3");
        assertCoding(tpm3Ntrk1.get(1).getValueCodeableConcept(), HGNC, "HGNC:8031", "NTRK1");

        List<ObservationComponentComponent> qkiNtrk2 = components(variants.get(1), "48018-6");
        assertThat(qkiNtrk2).hasSize(2);
        assertThat(qkiNtrk2.get(0).getValueCodeableConcept().getCoding()).isEmpty();
        assertThat(qkiNtrk2.get(0).getValueCodeableConcept().getText()).isEqualTo("QKI");
        assertCoding(qkiNtrk2.get(1).getValueCodeableConcept(), HGNC, "HGNC:8032", "NTRK2");
    }

    @Test
    @DisplayName("CORRECTED version: status corrected everywhere, revision reason coded and stated (HL7 Genomics Reporting IG (STU3))")
    void correctedVersionCarriesTheRevision() {
        Bundle bundle = parse(exporter.toJson(ExportFixtures.corrected(ExportFixtures.positiveContent().build())));

        DiagnosticReport report = diagnosticReport(bundle);
        assertThat(report.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.CORRECTED);
        assertThat(report.getIdentifierFirstRep().getValue()).isEqualTo(ACCESSION + "/v2");
        assertThat(((CodeType) report.getExtensionByUrl(FhirReportExporter.EXT_REVISION_REASON).getValue()).getValue())
                .isEqualTo("TRANSCRIPTION_ERROR");
        Identifier supersedes = (Identifier) report.getExtensionByUrl(FhirReportExporter.EXT_SUPERSEDES).getValue();
        assertThat(supersedes.getSystem()).isEqualTo("urn:ntrklab:report");
        assertThat(supersedes.getValue()).isEqualTo(ACCESSION + "/v1");
        assertThat(report.getConclusion()).endsWith(
                "\nSupersedes version 1: TRANSCRIPTION_ERROR \u2014 NTRK3 exon number corrected from 14 to 15");
        assertThat(observation(bundle, "51968-6").getStatus()).isEqualTo(Observation.ObservationStatus.CORRECTED);
        assertThat(observation(bundle, "69548-6").getStatus()).isEqualTo(Observation.ObservationStatus.CORRECTED);
    }

    @Test
    @DisplayName("AMENDED version: status amended (HL7 Genomics Reporting IG (STU3))")
    void amendedVersion() {
        Bundle bundle = parse(exporter.toJson(ExportFixtures.amended(ExportFixtures.positiveContent().build())));

        assertThat(diagnosticReport(bundle).getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.AMENDED);
        assertThat(observation(bundle, "51968-6").getStatus()).isEqualTo(Observation.ObservationStatus.AMENDED);
        assertThat(((CodeType) diagnosticReport(bundle).getExtensionByUrl(FhirReportExporter.EXT_REVISION_REASON)
                .getValue()).getValue()).isEqualTo("ADDITIONAL_INFORMATION");
    }

    @Test
    @DisplayName("A draft is preliminary and names no interpreter (HL7 Genomics Reporting IG (STU3))")
    void draftIsPreliminary() {
        Bundle bundle = parse(exporter.toJson(ExportFixtures.draft(ExportFixtures.positiveContent().build())));

        DiagnosticReport report = diagnosticReport(bundle);
        assertThat(report.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.PRELIMINARY);
        assertThat(report.getResultsInterpreter()).isEmpty();
        assertThat(observation(bundle, "51968-6").getStatus()).isEqualTo(Observation.ObservationStatus.PRELIMINARY);
        assertThat(observation(bundle, "69548-6").getStatus()).isEqualTo(Observation.ObservationStatus.PRELIMINARY);
    }

    @Test
    @DisplayName("The same input exports to identical JSON; another version gets other entry ids")
    void exportIsDeterministic() {
        String first = exporter.toJson(ExportFixtures.finalReport(ExportFixtures.positiveContent().build()));
        String second = new FhirReportExporter().toJson(ExportFixtures.finalReport(ExportFixtures.positiveContent().build()));
        assertThat(second).isEqualTo(first);

        Bundle v1 = parse(first);
        Bundle v2 = parse(exporter.toJson(ExportFixtures.corrected(ExportFixtures.positiveContent().build())));
        assertThat(v2.getEntry()).extracting(BundleEntryComponent::getFullUrl)
                .doesNotContainAnyElementsOf(v1.getEntry().stream().map(BundleEntryComponent::getFullUrl)
                        .collect(Collectors.toList()));
    }

    private String overallAnswer(OverallCall call) {
        Bundle bundle = parse(exporter.toJson(ExportFixtures.finalReport(call == OverallCall.POSITIVE
                ? ExportFixtures.positiveContent().build()
                : ExportFixtures.contentWithoutFusion(call).build())));
        Coding coding = observation(bundle, "51968-6").getValueCodeableConcept().getCodingFirstRep();
        assertThat(coding.getSystem()).isEqualTo(LOINC);
        return coding.getCode() + "|" + coding.getDisplay();
    }

    @Test
    @DisplayName("Tier III only: the overall interpretation is coded Inconclusive (LA9663-1) with text, never Positive (LA6576-8); the variant keeps Tier III")
    void uncertainSignificanceIsNotPositive() {
        Bundle bundle = parse(exporter.toJson(ExportFixtures.finalReport(ExportFixtures.uncertainContent().build())));

        Observation overall = observation(bundle, "51968-6");
        assertThat(overall.getValueCodeableConcept().getCoding()).extracting(c -> c.getCode())
                .containsExactly("LA9663-1").doesNotContain("LA6576-8");
        assertThat(overall.getValueCodeableConcept().getText()).contains("uncertain significance")
                .contains("Tier III");
    }

    @Test
    @DisplayName("A sample-QC caveat is a note on the overall interpretation and on the variant its assay found, and a line of the conclusion")
    void qcCaveatIsNotedWhereItApplies() {
        Bundle bundle = parse(exporter.toJson(ExportFixtures.finalReport(ExportFixtures.positiveContent()
                .setQcLimitations(List.of(ExportFixtures.rnaTumourCaveat()))
                .setLimitations(List.of(ExportFixtures.QC_STATEMENT)).setRuleSetVersion("rules-x").build())));

        Observation overall = observation(bundle, "51968-6");
        assertThat(overall.getNote()).extracting(n -> n.getText()).contains(ExportFixtures.QC_STATEMENT);
        Observation variant = observation(bundle, "69548-6");
        assertThat(variant.getNote()).extracting(n -> n.getText()).containsExactly(ExportFixtures.QC_STATEMENT);
        assertThat(diagnosticReport(bundle).getConclusion()).contains(ExportFixtures.QC_STATEMENT)
                .contains("Interpretation rules: rules-x.");
    }

    private static Bundle parse(String json) {
        return FHIR.newJsonParser().parseResource(Bundle.class, json);
    }

    private static DiagnosticReport diagnosticReport(Bundle bundle) {
        return bundle.getEntry().stream().map(BundleEntryComponent::getResource)
                .filter(DiagnosticReport.class::isInstance).map(DiagnosticReport.class::cast)
                .findFirst().orElseThrow();
    }

    private static Observation observation(Bundle bundle, String loincCode) {
        List<Observation> found = observations(bundle, loincCode);
        assertThat(found).as("Observations coded %s", loincCode).hasSize(1);
        return found.get(0);
    }

    private static List<Observation> observations(Bundle bundle, String loincCode) {
        return bundle.getEntry().stream().map(BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance).map(Observation.class::cast)
                .filter(o -> o.getCode().getCoding().stream()
                        .anyMatch(c -> LOINC.equals(c.getSystem()) && loincCode.equals(c.getCode())))
                .collect(Collectors.toList());
    }

    private static List<ObservationComponentComponent> components(Observation observation, String loincCode) {
        return observation.getComponent().stream()
                .filter(c -> c.getCode().getCoding().stream()
                        .anyMatch(k -> LOINC.equals(k.getSystem()) && loincCode.equals(k.getCode())))
                .collect(Collectors.toList());
    }

    private static void assertCoding(CodeableConcept concept, String system, String code, String display) {
        assertThat(concept.getCoding()).hasSize(1);
        Coding coding = concept.getCodingFirstRep();
        assertThat(coding.getSystem()).isEqualTo(system);
        assertThat(coding.getCode()).isEqualTo(code);
        assertThat(coding.getDisplay()).isEqualTo(display);
    }

    private static void assertLogicalReference(Reference reference, String type, String system, String value) {
        assertThat(reference.getReference()).isNull();
        assertThat(reference.getType()).isEqualTo(type);
        assertThat(reference.getIdentifier().getSystem()).isEqualTo(system);
        assertThat(reference.getIdentifier().getValue()).isEqualTo(value);
    }
}
