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

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.model.v251.datatype.CWE;
import ca.uhn.hl7v2.model.v251.datatype.FT;
import ca.uhn.hl7v2.model.v251.datatype.ST;
import ca.uhn.hl7v2.model.v251.datatype.TX;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_OBSERVATION;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.NTE;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.PID;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportContent;

/**
 * The HL7 v2.5.1 ORU^R01 export, read back with HAPI's PipeParser. Result status codes: HL7 v2.5.1 Table
 * 0123 (OBR-25) and Table 0085 (OBX-11); observation codes: HL7 Genomics Reporting IG (STU3) LOINC codes,
 * overall call answers from LOINC LL541-4; gene ids: HGNC.
 */
class Hl7v2ReportExporterTest {

    private static final HapiContext HAPI = new DefaultHapiContext();

    private final Hl7v2ReportExporter exporter = new Hl7v2ReportExporter();

    @AfterAll
    static void closeContext() throws Exception {
        HAPI.close();
    }

    @Test
    @DisplayName("POSITIVE final report: MSH, PID, ORC, OBR, OBX and SPM read back (HL7 v2.5.1 Table 0123/0085, LOINC LL541-4, HGNC)")
    void positiveReportRoundTrips() throws HL7Exception {
        String er7 = exporter.toEr7(ExportFixtures.finalReport(ExportFixtures.positiveContent().build()));
        ORU_R01 message = parse(er7);

        assertThat(er7).startsWith("MSH|^~\\&|NTRK-LAB-WORKFLOW|NTRK-LAB|||20260203140509+0000||ORU^R01^ORU_R01|");
        assertThat(er7).doesNotContain("\n");
        assertThat(segmentNames(er7)).containsExactly("MSH", "PID", "ORC", "OBR", "NTE", "NTE",
                "OBX", "OBX", "OBX", "OBX", "OBX", "OBX", "OBX", "OBX", "OBX", "SPM");

        MSH msh = message.getMSH();
        assertThat(msh.getMessageType().encode()).isEqualTo("ORU^R01^ORU_R01");
        assertThat(msh.getVersionID().getVersionID().getValue()).isEqualTo("2.5.1");
        assertThat(msh.getProcessingID().getProcessingID().getValue()).isEqualTo("P");
        assertThat(msh.getMessageControlID().getValue()).isEqualTo(ACCESSION + "-1F");
        assertThat(msh.getDateTimeOfMessage().getTime().getValue()).isEqualTo("20260203140509+0000");

        PID pid = message.getPATIENT_RESULT().getPATIENT().getPID();
        assertThat(pid.getPatientIdentifierListReps()).isEqualTo(1);
        assertThat(pid.getPatientIdentifierList(0).getIDNumber().getValue()).isEqualTo(PATIENT_REF);
        assertThat(pid.getPatientIdentifierList(0).getAssigningAuthority().getNamespaceID().getValue()).isEqualTo("LIMS");
        assertThat(pid.getPatientIdentifierList(0).getIdentifierTypeCode().getValue()).isEqualTo("PI");
        assertThat(pid.getPatientNameReps()).isZero();
        assertThat(pid.getDateTimeOfBirth().isEmpty()).isTrue();
        assertThat(pid.getPatientAddressReps()).isZero();
        assertThat(segment(er7, "PID")).isEqualTo("PID|1||" + PATIENT_REF + "^^^LIMS^PI");

        ORU_R01_ORDER_OBSERVATION order = message.getPATIENT_RESULT().getORDER_OBSERVATION();
        assertThat(order.getORC().getOrderControl().getValue()).isEqualTo("RE");
        assertThat(order.getORC().getPlacerOrderNumber().getEntityIdentifier().getValue()).isEqualTo(ORDER);
        assertThat(order.getORC().getFillerOrderNumber().getEntityIdentifier().getValue()).isEqualTo(ACCESSION);

        OBR obr = order.getOBR();
        assertThat(obr.getSetIDOBR().getValue()).isEqualTo("1");
        assertThat(obr.getPlacerOrderNumber().getEntityIdentifier().getValue()).isEqualTo(ORDER);
        assertThat(obr.getFillerOrderNumber().getEntityIdentifier().getValue()).isEqualTo(ACCESSION);
        assertThat(obr.getUniversalServiceIdentifier().encode()).isEqualTo("81247-9^Master HL7 genetic variant reporting panel^LN");
        assertThat(obr.getObservationDateTime().getTime().getValue()).isEqualTo("20260203140509+0000");
        assertThat(obr.getResultsRptStatusChngDateTime().getTime().getValue()).isEqualTo("20260203140509+0000");
        assertThat(obr.getResultStatus().getValue()).isEqualTo("F");
        assertThat(obr.getPrincipalResultInterpreter().getNDLName().getIDNumber().getValue()).isEqualTo(SIGNED_OUT_BY);

        assertThat(notes(order)).containsExactlyElementsOf(LIMITATIONS);

        List<OBX> obxs = observations(order);
        assertThat(obxs).extracting(o -> o.getSetIDOBX().getValue())
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(obxs).allSatisfy(o -> assertThat(o.getObservationResultStatus().getValue()).isEqualTo("F"));

        OBX overall = obx(order, "51968-6").get(0);
        assertThat(overall.getValueType().getValue()).isEqualTo("CWE");
        assertThat(overall.getObservationIdentifier().encode()).isEqualTo("51968-6^Genetic analysis overall interpretation^LN");
        assertThat(value(overall).encode()).isEqualTo("LA6576-8^Positive^LN");

        List<OBX> genes = obx(order, "48018-6");
        assertThat(genes).extracting(o -> value(o).encode()).containsExactly("HGNC:3495^ETV6^HGNC", "HGNC:8033^NTRK3^HGNC");
        assertThat(genes).allSatisfy(o -> {
            assertThat(o.getValueType().getValue()).isEqualTo("CWE");
            assertThat(o.getObservationSubID().getValue()).isEqualTo("1");
            assertThat(o.getObservationMethod(0).getText().getValue()).isEqualTo("RNA-NGS");
        });
        OBX variation = obx(order, "81252-9").get(0);
        assertThat(variation.getValueType().getValue()).isEqualTo("ST");
        assertThat(((ST) value(variation)).getValue()).isEqualTo("ETV6 exon 5 :: NTRK3 exon 15");
        assertThat(value(obx(order, "69548-6").get(0)).encode()).isEqualTo("LA9633-4^Present^LN");
        assertThat(value(obx(order, "48002-0").get(0)).encode()).isEqualTo("LA6684-0^Somatic^LN");
        assertThat(value(obx(order, "93044-6").get(0)).encode()).isEqualTo("Tier I - Level A");
        assertThat(obx(order, "93044-6").get(0).getObservationSubID().getValue()).isEqualTo("1");

        OBX concordance = obx(order, "NTRK-CONCORDANCE").get(0);
        assertThat(concordance.getValueType().getValue()).isEqualTo("TX");
        assertThat(((TX) value(concordance)).getValue()).isEqualTo(CONCORDANCE);
        OBX interpretation = obx(order, "51969-4").get(0);
        assertThat(interpretation.getValueType().getValue()).isEqualTo("TX");
        assertThat(interpretation.getObservationIdentifier().encode()).isEqualTo("51969-4^Genetic analysis report^LN");
        assertThat(((TX) value(interpretation)).getValue()).isEqualTo(INTERPRETATION);

        assertThat(order.getSPECIMEN().getSPM().getSpecimenID().getPlacerAssignedIdentifier()
                .getEntityIdentifier().getValue()).isEqualTo(SPECIMEN);
    }

    @ParameterizedTest(name = "{0} -> {1}^{2}^LN")
    @DisplayName("Each overall call maps to its LOINC LL541-4 answer in OBX-5 of 51968-6")
    @CsvSource({
            "POSITIVE, LA6576-8, Positive",
            "NEGATIVE, LA6577-6, Negative",
            "INCONCLUSIVE, LA9663-1, Inconclusive",
            "FAILURE, LA9664-9, Failure"})
    void overallCallAnswers(OverallCall call, String code, String display) throws HL7Exception {
        ReportContent content = call == OverallCall.POSITIVE
                ? ExportFixtures.positiveContent().build()
                : ExportFixtures.contentWithoutFusion(call).build();
        ORU_R01_ORDER_OBSERVATION order = order(exporter.toEr7(ExportFixtures.finalReport(content)));

        List<OBX> overall = obx(order, "51968-6");
        assertThat(overall).hasSize(1);
        assertThat(overall.get(0).getObservationIdentifier().getNameOfCodingSystem().getValue()).isEqualTo("LN");
        assertThat(value(overall.get(0)).encode()).isEqualTo(code + "^" + display + "^LN");
        if (call != OverallCall.POSITIVE) {
            assertThat(obx(order, "48018-6")).isEmpty();
            assertThat(obx(order, "69548-6")).isEmpty();
        }
    }

    @Test
    @DisplayName("FISH: one gene-studied OBX, HGNC:8033^NTRK3^HGNC (HGNC)")
    void fishGivesOnlyTheNtrkGene() throws HL7Exception {
        ORU_R01_ORDER_OBSERVATION order = order(exporter.toEr7(ExportFixtures.finalReport(
                ExportFixtures.positiveContent().setFusions(List.of(ExportFixtures.fishNtrk3())).build())));

        assertThat(obx(order, "48018-6")).extracting(o -> value(o).encode()).containsExactly("HGNC:8033^NTRK3^HGNC");
        assertThat(obx(order, "93044-6")).isEmpty();
    }

    @Test
    @DisplayName("Two fusions are grouped by OBX-4 sub-id; an unlisted partner (QKI) is text only (HGNC)")
    void fusionsAreGroupedBySubId() throws HL7Exception {
        ORU_R01_ORDER_OBSERVATION order = order(exporter.toEr7(ExportFixtures.finalReport(ExportFixtures.positiveContent()
                .setFusions(List.of(
                        ExportFixtures.fusion("TPM3", "NTRK1", NtrkGene.NTRK1, "TPM3 exon 7 :: NTRK1 exon 10"),
                        ExportFixtures.fusion("QKI", "NTRK2", NtrkGene.NTRK2, "QKI exon 6 :: NTRK2 exon 16")))
                .build())));

        assertThat(obx(order, "48018-6")).extracting(o -> o.getObservationSubID().getValue() + " " + value(o).encode())
                .containsExactly("1 HGNC:12012^TPM3^HGNC", "1 HGNC:8031^NTRK1^HGNC", "2 ^QKI", "2 HGNC:8032^NTRK2^HGNC");
        CWE qki = (CWE) value(obx(order, "48018-6").get(2));
        assertThat(qki.getIdentifier().getValue()).isNull();
        assertThat(qki.getNameOfCodingSystem().getValue()).isNull();
        assertThat(obx(order, "81252-9")).extracting(o -> o.getObservationSubID().getValue() + " " + value(o).encode())
                .containsExactly("1 TPM3 exon 7 :: NTRK1 exon 10", "2 QKI exon 6 :: NTRK2 exon 16");
    }

    @Test
    @DisplayName("CORRECTED: OBR-25 and OBX-11 C, revision note as NTE (HL7 v2.5.1 Table 0123/0085)")
    void correctedVersion() throws HL7Exception {
        String er7 = exporter.toEr7(ExportFixtures.corrected(ExportFixtures.positiveContent().build()));
        ORU_R01 message = parse(er7);
        ORU_R01_ORDER_OBSERVATION order = message.getPATIENT_RESULT().getORDER_OBSERVATION();

        assertThat(order.getOBR().getResultStatus().getValue()).isEqualTo("C");
        assertThat(observations(order)).allSatisfy(o -> assertThat(o.getObservationResultStatus().getValue()).isEqualTo("C"));
        assertThat(notes(order)).first()
                .isEqualTo("Supersedes version 1: TRANSCRIPTION_ERROR \u2014 NTRK3 exon number corrected from 14 to 15");
        assertThat(notes(order)).hasSize(1 + LIMITATIONS.size());
        assertThat(message.getMSH().getMessageControlID().getValue()).isEqualTo(ACCESSION + "-2C");
        assertThat(message.getMSH().getCharacterSet(0).getValue()).isEqualTo("UNICODE UTF-8");
    }

    @Test
    @DisplayName("AMENDED: OBR-25 C (HL7 v2.5.1 Table 0123 has no separate amended code)")
    void amendedVersion() throws HL7Exception {
        ORU_R01_ORDER_OBSERVATION order = order(exporter.toEr7(ExportFixtures.amended(ExportFixtures.positiveContent().build())));

        assertThat(order.getOBR().getResultStatus().getValue()).isEqualTo("C");
        assertThat(notes(order)).first().isEqualTo("Supersedes version 1: ADDITIONAL_INFORMATION \u2014 Pan-TRK IHC result added");
    }

    @Test
    @DisplayName("Draft: OBR-25 and OBX-11 P, no principal result interpreter (HL7 v2.5.1 Table 0123/0085)")
    void draftIsPreliminary() throws HL7Exception {
        ORU_R01 message = parse(exporter.toEr7(ExportFixtures.draft(ExportFixtures.positiveContent().build())));
        ORU_R01_ORDER_OBSERVATION order = message.getPATIENT_RESULT().getORDER_OBSERVATION();

        assertThat(order.getOBR().getResultStatus().getValue()).isEqualTo("P");
        assertThat(order.getOBR().getPrincipalResultInterpreter().isEmpty()).isTrue();
        assertThat(observations(order)).allSatisfy(o -> assertThat(o.getObservationResultStatus().getValue()).isEqualTo("P"));
        assertThat(message.getMSH().getMessageControlID().getValue()).isEqualTo(ACCESSION + "-1P");
    }

    @Test
    @DisplayName("Limitations with HL7 delimiters (| ^ & ~ \\) and line breaks survive the round trip as NTE")
    void delimitersInFreeTextSurvive() throws HL7Exception {
        String delimiters = "Fusion calls need >= 5 split reads | spanning pairs ^ unique molecules & QC ~ pass \\ review.";
        String multiLine = "First line of a note.\nSecond line of the same note.";
        String er7 = exporter.toEr7(ExportFixtures.finalReport(ExportFixtures.positiveContent()
                .setLimitations(List.of(delimiters, multiLine))
                .setInterpretation("Interpretation | with ^ delimiters & more.\nAnd a second paragraph.")
                .build()));
        ORU_R01_ORDER_OBSERVATION order = order(er7);

        assertThat(segment(er7, "NTE")).isEqualTo("NTE|1|L|Fusion calls need >= 5 split reads \\F\\ spanning pairs"
                + " \\S\\ unique molecules \\T\\ QC \\R\\ pass \\E\\ review.");
        assertThat(notes(order)).containsExactly(delimiters, multiLine);
        OBX interpretation = obx(order, "51969-4").get(0);
        assertThat(interpretation.getObservationValueReps()).isEqualTo(2);
        assertThat(((TX) interpretation.getObservationValue(0).getData()).getValue())
                .isEqualTo("Interpretation | with ^ delimiters & more.");
        assertThat(((TX) interpretation.getObservationValue(1).getData()).getValue()).isEqualTo("And a second paragraph.");
    }

    @Test
    @DisplayName("Deterministic: the same input gives the same ER7, the control id comes from accession, version and status")
    void exportIsDeterministic() {
        String first = exporter.toEr7(ExportFixtures.finalReport(ExportFixtures.positiveContent().build()));
        String second = new Hl7v2ReportExporter().toEr7(ExportFixtures.finalReport(ExportFixtures.positiveContent().build()));
        assertThat(second).isEqualTo(first);

        String longId = Hl7v2ReportExporter.controlId("LONGPREF26-03-000123", 12, "F");
        assertThat(longId).hasSize(20).startsWith("H").isEqualTo(Hl7v2ReportExporter.controlId("LONGPREF26-03-000123", 12, "F"));
        assertThat(longId).isNotEqualTo(Hl7v2ReportExporter.controlId("LONGPREF26-03-000123", 12, "C"));
        assertThat(Hl7v2ReportExporter.controlId(ACCESSION, 3, "F")).isEqualTo(ACCESSION + "-3F");
    }

    @Test
    @DisplayName("Sending and receiving application and facility go to MSH-3 to MSH-6")
    void headerParties() throws HL7Exception {
        String er7 = new Hl7v2ReportExporter("NTRK", "LAB-A", "EHR", "HOSP-B")
                .toEr7(ExportFixtures.finalReport(ExportFixtures.positiveContent().build()));
        MSH msh = parse(er7).getMSH();

        assertThat(msh.getSendingApplication().encode()).isEqualTo("NTRK");
        assertThat(msh.getSendingFacility().encode()).isEqualTo("LAB-A");
        assertThat(msh.getReceivingApplication().encode()).isEqualTo("EHR");
        assertThat(msh.getReceivingFacility().encode()).isEqualTo("HOSP-B");
    }

    @Test
    @DisplayName("Tier III only: OBX 51968-6 is LA9663-1 Inconclusive with the uncertain significance as original text, never Positive")
    void uncertainSignificanceIsNotPositive() throws HL7Exception {
        ORU_R01_ORDER_OBSERVATION order = order(exporter.toEr7(ExportFixtures.finalReport(
                ExportFixtures.uncertainContent().build())));

        String overall = value(obx(order, "51968-6").get(0)).encode();
        assertThat(overall).startsWith("LA9663-1^Inconclusive^LN").doesNotContain("LA6576-8")
                .contains("uncertain significance");
    }

    @Test
    @DisplayName("A sample-QC caveat is an NTE of the report, with the interpretation rules' version")
    void qcCaveatIsANote() throws HL7Exception {
        ORU_R01_ORDER_OBSERVATION order = order(exporter.toEr7(ExportFixtures.finalReport(ExportFixtures
                .contentWithoutFusion(OverallCall.NEGATIVE).setQcLimitations(List.of(ExportFixtures.rnaTumourCaveat()))
                .setLimitations(List.of(ExportFixtures.QC_STATEMENT)).setRuleSetVersion("rules-x").build())));

        assertThat(String.join("\n", notes(order))).contains("QC-RNA-TUMOUR: tumour nuclei 15%")
                .contains("Interpretation rules: rules-x.");
    }

    private static ORU_R01 parse(String er7) throws HL7Exception {
        return (ORU_R01) HAPI.getPipeParser().parse(er7);
    }

    private static ORU_R01_ORDER_OBSERVATION order(String er7) throws HL7Exception {
        return parse(er7).getPATIENT_RESULT().getORDER_OBSERVATION();
    }

    private static List<String> segmentNames(String er7) {
        return Arrays.stream(er7.split("\r")).map(s -> s.substring(0, 3)).collect(Collectors.toList());
    }

    private static String segment(String er7, String name) {
        return Arrays.stream(er7.split("\r")).filter(s -> s.startsWith(name + "|")).findFirst().orElseThrow();
    }

    private static List<String> notes(ORU_R01_ORDER_OBSERVATION order) throws HL7Exception {
        List<String> notes = new ArrayList<>();
        for (NTE nte : order.getNTEAll()) {
            List<String> lines = new ArrayList<>();
            for (FT line : nte.getComment()) {
                lines.add(line.getValue());
            }
            notes.add(String.join("\n", lines));
        }
        return notes;
    }

    private static List<OBX> observations(ORU_R01_ORDER_OBSERVATION order) throws HL7Exception {
        List<OBX> obxs = new ArrayList<>();
        for (ORU_R01_OBSERVATION observation : order.getOBSERVATIONAll()) {
            obxs.add(observation.getOBX());
        }
        return obxs;
    }

    private static List<OBX> obx(ORU_R01_ORDER_OBSERVATION order, String code) throws HL7Exception {
        return observations(order).stream()
                .filter(o -> code.equals(o.getObservationIdentifier().getIdentifier().getValue()))
                .collect(Collectors.toList());
    }

    private static Type value(OBX obx) {
        Varies varies = obx.getObservationValue(0);
        return varies.getData();
    }
}
