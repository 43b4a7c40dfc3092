package org.ntrklab.reporting.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;
import java.util.UUID;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.QcLimitation;
import org.ntrklab.events.ReportContent;
import org.ntrklab.events.ReportedFusion;
import org.ntrklab.reporting.export.ExportCodes.Code;

/**
 * Exports a report version as a FHIR R4 {@code Bundle} (type collection) following the HL7 Genomics
 * Reporting IG (STU3): a genomics-report DiagnosticReport first, then an overall-interpretation Observation
 * and one variant Observation per reported fusion.
 *
 * <p>The patient is referenced only by the LIMS's pseudonymous id (a logical reference by identifier): the
 * lab never holds names, birth dates or addresses, so no Patient resource is included.
 *
 * <p>Entries have {@code urn:uuid:} full URLs derived from the accession, the version and the entry's role,
 * so the same report version always exports to the same JSON.
 *
 * <p>Thread-safe: the shared {@link FhirContext} is thread-safe and a parser is created per call.
 */
public final class FhirReportExporter {

    static final String GENOMICS_IG = "http://hl7.org/fhir/uv/genomics-reporting";
    static final String PROFILE_REPORT = GENOMICS_IG + "/StructureDefinition/genomics-report";
    static final String PROFILE_OVERALL = GENOMICS_IG + "/StructureDefinition/overall-interpretation";
    static final String PROFILE_VARIANT = GENOMICS_IG + "/StructureDefinition/variant";
    static final String TBD_CODES = GENOMICS_IG + "/CodeSystem/tbd-codes-cs";
    static final String SEQUENCE_ONTOLOGY = "http://www.sequenceontology.org/";
    static final String V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    static final String SYSTEM_REPORT = "urn:ntrklab:report";
    static final String SYSTEM_PATIENT_REF = "urn:ntrklab:patient-ref";
    static final String SYSTEM_ORDER = "urn:ntrklab:lims-order";
    static final String SYSTEM_SPECIMEN = "urn:ntrklab:specimen";
    static final String SYSTEM_STAFF = "urn:ntrklab:staff";
    static final String SYSTEM_EXPORT = "urn:ntrklab:report-export";

    /** The coded reason of an amendment or correction (valueCode: a RevisionReason name). */
    public static final String EXT_REVISION_REASON = "urn:ntrklab:fhir:revision-reason";
    /** The report version an amendment or correction replaces (valueIdentifier in the urn:ntrklab:report system). */
    public static final String EXT_SUPERSEDES = "urn:ntrklab:fhir:supersedes";

    private static final FhirContext FHIR = FhirContext.forR4();
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    /** Builds the Bundle of one report version. */
    public Bundle toBundle(ReportExport report) {
        Objects.requireNonNull(report, "report");
        ReportContent content = report.content();
        List<Resource> observations = new ArrayList<>();
        List<String> observationUrls = new ArrayList<>();

        observations.add(overallInterpretation(report));
        observationUrls.add(fullUrl(report, "overall-interpretation"));
        List<ReportedFusion> fusions = content.getFusions();
        for (int i = 0; i < fusions.size(); i++) {
            observations.add(variant(report, fusions.get(i)));
            observationUrls.add(fullUrl(report, "variant-" + (i + 1)));
        }

        DiagnosticReport diagnosticReport = diagnosticReport(report, observationUrls);

        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.COLLECTION);
        // One bundle per exported state of a version: the draft and the signed-out export differ.
        bundle.setIdentifier(new Identifier().setSystem(SYSTEM_EXPORT)
                .setValue(reportIdentifier(report) + "/" + reportStatus(report).toCode()));
        bundle.setTimestampElement(instant(report));
        bundle.addEntry().setFullUrl(fullUrl(report, "diagnostic-report")).setResource(diagnosticReport);
        for (int i = 0; i < observations.size(); i++) {
            bundle.addEntry().setFullUrl(observationUrls.get(i)).setResource(observations.get(i));
        }
        return bundle;
    }

    /** The Bundle of one report version as pretty-printed FHIR JSON. */
    public String toJson(ReportExport report) {
        return FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(toBundle(report));
    }

    private DiagnosticReport diagnosticReport(ReportExport report, List<String> resultUrls) {
        ReportContent content = report.content();
        DiagnosticReport dr = new DiagnosticReport();
        dr.getMeta().addProfile(PROFILE_REPORT);
        // R4 DiagnosticReport has no note element. A revision is therefore carried twice: coded, in two
        // extensions a receiver can read without parsing text (the reason code and the identifier of the
        // superseded version), and readable, as the last line of the conclusion.
        if (report.isRevision()) {
            if (report.revisionReason() != null) {
                dr.addExtension(EXT_REVISION_REASON, new CodeType(report.revisionReason().name()));
            }
            if (report.supersedesVersion() != null) {
                dr.addExtension(EXT_SUPERSEDES, new Identifier().setSystem(SYSTEM_REPORT)
                        .setValue(report.accessionId() + "/v" + report.supersedesVersion()));
            }
        }
        dr.addIdentifier().setSystem(SYSTEM_REPORT).setValue(reportIdentifier(report));
        dr.addBasedOn(logicalReference("ServiceRequest", SYSTEM_ORDER, content.getOrderId()));
        dr.setStatus(reportStatus(report));
        dr.addCategory(new CodeableConcept().addCoding(new Coding(V2_0074, "GE", "Genetics")));
        dr.setCode(loinc(ExportCodes.MASTER_PANEL));
        dr.setSubject(subject(content));
        dr.setIssuedElement(instant(report));
        if (report.isSigned()) {
            Reference interpreter = logicalReference("Practitioner", SYSTEM_STAFF, report.signedOutBy());
            interpreter.setDisplay(report.signedOutBy());
            dr.addResultsInterpreter(interpreter);
        }
        dr.addSpecimen(logicalReference("Specimen", SYSTEM_SPECIMEN, content.getSpecimenId()));
        for (String url : resultUrls) {
            dr.addResult(new Reference(url));
        }
        dr.setConclusion(conclusion(report));
        return dr;
    }

    private Observation overallInterpretation(ReportExport report) {
        ReportContent content = report.content();
        Observation obs = genomicObservation(report, PROFILE_OVERALL, ExportCodes.OVERALL_INTERPRETATION);
        CodeableConcept value = loinc(ExportCodes.overallCall(content.getOverallCall()));
        if (content.getOverallCall() == OverallCall.FUSION_OF_UNCERTAIN_SIGNIFICANCE) {
            // Coded Inconclusive, never Positive: a receiver that reads only the code must not take a Tier III
            // fusion for an indication for a TRK inhibitor.
            value.setText("NTRK fusion of uncertain significance (AMP/ASCO/CAP Tier III); no actionable NTRK fusion");
        }
        obs.setValue(value);
        // The report's limitations qualify the overall call; R4 Observation has notes, DiagnosticReport has not.
        for (String limitation : content.getLimitations()) {
            obs.addNote(new Annotation().setText(limitation));
        }
        return obs;
    }

    private Observation variant(ReportExport report, ReportedFusion fusion) {
        Observation obs = genomicObservation(report, PROFILE_VARIANT, ExportCodes.VARIANT_ASSESSMENT);
        obs.setValue(loinc(ExportCodes.PRESENT));
        obs.setMethod(new CodeableConcept().setText(ExportCodes.assayText(fusion.getDetectedBy())));
        for (String gene : ExportCodes.genesStudied(fusion)) {
            obs.addComponent(component(ExportCodes.GENE_STUDIED, geneConcept(gene)));
        }
        obs.addComponent(component(ExportCodes.VARIATION_CODE, new CodeableConcept().setText(fusion.getDescription())));
        obs.addComponent(component(ExportCodes.GENOMIC_SOURCE_CLASS, loinc(ExportCodes.SOMATIC)));
        obs.addComponent(new ObservationComponentComponent()
                .setCode(new CodeableConcept().addCoding(new Coding(TBD_CODES, "molecular-consequence",
                        "Molecular Consequence")))
                .setValue(new CodeableConcept().addCoding(new Coding(SEQUENCE_ONTOLOGY, "SO:0001565", "gene_fusion"))));
        if (fusion.getTier() != null) {
            obs.addComponent(component(ExportCodes.LEVEL_OF_EVIDENCE,
                    new CodeableConcept().setText(ExportCodes.tierText(fusion.getTier()))));
        }
        // Sample-QC caveats of the assay that found the fusion qualify this observation too.
        for (QcLimitation q : report.content().getQcLimitations()) {
            if (q.getAssay() == fusion.getDetectedBy()) {
                obs.addNote(new Annotation().setText(q.getStatement()));
            }
        }
        return obs;
    }

    private Observation genomicObservation(ReportExport report, String profile, Code code) {
        ReportContent content = report.content();
        Observation obs = new Observation();
        obs.getMeta().addProfile(profile);
        obs.setStatus(observationStatus(report));
        obs.addCategory(new CodeableConcept().addCoding(new Coding(OBSERVATION_CATEGORY, "laboratory", "Laboratory")));
        obs.setCode(loinc(code));
        obs.setSubject(subject(content));
        obs.setIssuedElement(instant(report));
        obs.setSpecimen(logicalReference("Specimen", SYSTEM_SPECIMEN, content.getSpecimenId()));
        return obs;
    }

    private static CodeableConcept geneConcept(String symbol) {
        return HgncGenes.idOf(symbol)
                .map(id -> new CodeableConcept().addCoding(new Coding(HgncGenes.SYSTEM, id, symbol)))
                .orElseGet(() -> new CodeableConcept().setText(symbol));
    }

    private static ObservationComponentComponent component(Code code, CodeableConcept value) {
        return new ObservationComponentComponent().setCode(loinc(code)).setValue(value);
    }

    private static CodeableConcept loinc(Code code) {
        return new CodeableConcept().addCoding(new Coding(ExportCodes.LOINC_SYSTEM, code.code(), code.display()));
    }

    private static Reference subject(ReportContent content) {
        return logicalReference("Patient", SYSTEM_PATIENT_REF, content.getPatientRef());
    }

    private static Reference logicalReference(String type, String system, String value) {
        return new Reference().setType(type).setIdentifier(new Identifier().setSystem(system).setValue(value));
    }

    private static String conclusion(ReportExport report) {
        ReportContent content = report.content();
        List<String> lines = new ArrayList<>();
        lines.add(content.getInterpretation());
        if (content.getConcordance() != null && !content.getConcordance().isBlank()) {
            lines.add(content.getConcordance());
        }
        // R4 DiagnosticReport has no note element: the sample-QC limitations are stated in the conclusion too.
        content.getQcLimitations().forEach(q -> lines.add(q.getStatement()));
        if (content.getRuleSetVersion() != null) {
            lines.add("Interpretation rules: " + content.getRuleSetVersion() + ".");
        }
        report.revisionNote().ifPresent(lines::add);
        return String.join("\n", lines);
    }

    private static DiagnosticReportStatus reportStatus(ReportExport report) {
        if (report.isDraft()) {
            return DiagnosticReportStatus.PRELIMINARY;
        }
        switch (report.status()) {
            case FINAL:
                return DiagnosticReportStatus.FINAL;
            case AMENDED:
                return DiagnosticReportStatus.AMENDED;
            case CORRECTED:
                return DiagnosticReportStatus.CORRECTED;
            default:
                throw new IllegalArgumentException("unmapped report status " + report.status());
        }
    }

    /** The Observations share the report's status; both value sets use the same codes. */
    private static ObservationStatus observationStatus(ReportExport report) {
        try {
            return ObservationStatus.fromCode(reportStatus(report).toCode());
        } catch (org.hl7.fhir.exceptions.FHIRException e) {
            throw new IllegalArgumentException("unmapped report status " + report.status(), e);
        }
    }

    /** Millisecond instant rendered in UTC, so the JSON does not depend on the machine's time zone. */
    private static InstantType instant(ReportExport report) {
        return new InstantType(Date.from(report.issuedAt()), TemporalPrecisionEnum.MILLI, UTC);
    }

    private static String reportIdentifier(ReportExport report) {
        return report.accessionId() + "/v" + report.version();
    }

    /**
     * Deterministic {@code urn:uuid:} of one entry: a name-based (type 3) UUID of accession, version and role.
     * A draft and the signed-out version of the same number share their entries' identities (it is the same
     * report moving from preliminary to final); a new version gets new ones.
     */
    private static String fullUrl(ReportExport report, String role) {
        String name = "ntrklab-report-export|" + report.accessionId() + "|v" + report.version() + "|" + role;
        return "urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
