package org.ntrklab.reporting.export;

import static org.ntrklab.reporting.export.Hl7v2ReportExporter.HGNC;
import static org.ntrklab.reporting.export.Hl7v2ReportExporter.LOCAL;
import static org.ntrklab.reporting.export.Hl7v2ReportExporter.LOINC;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.v251.datatype.CWE;
import ca.uhn.hl7v2.model.v251.datatype.ST;
import ca.uhn.hl7v2.model.v251.datatype.TX;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import java.util.List;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.ReportContent;
import org.ntrklab.events.ReportedFusion;
import org.ntrklab.reporting.export.ExportCodes.Code;

/**
 * The OBX segments of an ORU^R01: one observation per result of the report, numbered from 1 (OBX-1), all with
 * the report's result status (OBX-11). The fusions are coded as the LOINC genetic variant panel codes them
 * (docs/clinical-rules.md#exports), one OBX-4 sub-id per fusion so a receiver can group its observations.
 */
final class Hl7ObservationSegments {

    private final Message message;
    private final ORU_R01_ORDER_OBSERVATION order;
    private final String status;

    Hl7ObservationSegments(Message message, ORU_R01_ORDER_OBSERVATION order, String status) {
        this.message = message;
        this.order = order;
        this.status = status;
    }

    /** The overall call, each fusion, the concordance statement and the interpretation, in that order. */
    void addResults(ReportContent content) throws HL7Exception {
        CWE overall = cwe(ExportCodes.overallCall(content.getOverallCall()), LOINC);
        if (content.getOverallCall() == OverallCall.FUSION_OF_UNCERTAIN_SIGNIFICANCE) {
            // Coded Inconclusive, never Positive; the original text says what was found.
            overall.getOriginalText().setValue("NTRK fusion of uncertain significance (AMP/ASCO/CAP Tier III);"
                    + " no actionable NTRK fusion");
        }
        add("CWE", ExportCodes.OVERALL_INTERPRETATION, LOINC, null, null, overall);

        List<ReportedFusion> fusions = content.getFusions();
        for (int i = 0; i < fusions.size(); i++) {
            addFusion(String.valueOf(i + 1), fusions.get(i));
        }
        if (content.getConcordance() != null && !content.getConcordance().isBlank()) {
            addText(Hl7v2ReportExporter.CONCORDANCE, LOCAL, content.getConcordance());
        }
        addText(ExportCodes.GENETIC_ANALYSIS_REPORT, LOINC, content.getInterpretation());
    }

    /** One fusion: the genes studied, the variation, its presence, somatic origin and, when tiered, its tier. */
    private void addFusion(String subId, ReportedFusion fusion) throws HL7Exception {
        String method = ExportCodes.assayText(fusion.getDetectedBy());
        for (String gene : ExportCodes.genesStudied(fusion)) {
            add("CWE", ExportCodes.GENE_STUDIED, LOINC, subId, method, gene(gene));
        }
        add("ST", ExportCodes.VARIATION_CODE, LOINC, subId, method, st(fusion.getDescription()));
        add("CWE", ExportCodes.VARIANT_ASSESSMENT, LOINC, subId, method, cwe(ExportCodes.PRESENT, LOINC));
        add("CWE", ExportCodes.GENOMIC_SOURCE_CLASS, LOINC, subId, method, cwe(ExportCodes.SOMATIC, LOINC));
        if (fusion.getTier() != null) {
            add("ST", ExportCodes.LEVEL_OF_EVIDENCE, LOINC, subId, method,
                    st(ExportCodes.tierText(fusion.getTier())));
        }
    }

    private void add(String valueType, Code code, String system, String subId, String method, Type value)
            throws HL7Exception {
        OBX obx = next(valueType, code, system, subId, method);
        obx.getObservationValue(0).setData(value);
    }

    /** A TX observation; each line of the text is one repetition of OBX-5. */
    private void addText(Code code, String system, String text) throws HL7Exception {
        OBX obx = next("TX", code, system, null, null);
        String[] lines = Hl7v2ReportExporter.lines(text);
        for (int i = 0; i < lines.length; i++) {
            TX tx = new TX(message);
            tx.setValue(lines[i]);
            obx.getObservationValue(i).setData(tx);
        }
    }

    private OBX next(String valueType, Code code, String system, String subId, String method) throws HL7Exception {
        int n = order.getOBSERVATIONReps();
        OBX obx = order.getOBSERVATION(n).getOBX();
        obx.getSetIDOBX().setValue(String.valueOf(n + 1));
        obx.getValueType().setValue(valueType);
        Hl7v2ReportExporter.code(obx.getObservationIdentifier(), code, system);
        if (subId != null) {
            obx.getObservationSubID().setValue(subId);
        }
        obx.getObservationResultStatus().setValue(status);
        if (method != null) {
            obx.getObservationMethod(0).getText().setValue(method);
        }
        return obx;
    }

    private CWE gene(String symbol) throws HL7Exception {
        CWE cwe = new CWE(message);
        String id = HgncGenes.idOf(symbol).orElse(null);
        if (id != null) {
            cwe.getIdentifier().setValue(id);
            cwe.getText().setValue(symbol);
            cwe.getNameOfCodingSystem().setValue(HGNC);
        } else {
            // No verified HGNC id: the symbol as text only, never a guessed code.
            cwe.getText().setValue(symbol);
        }
        return cwe;
    }

    private CWE cwe(Code code, String system) throws HL7Exception {
        CWE cwe = new CWE(message);
        cwe.getIdentifier().setValue(code.code());
        cwe.getText().setValue(code.display());
        cwe.getNameOfCodingSystem().setValue(system);
        return cwe;
    }

    private ST st(String value) throws HL7Exception {
        ST st = new ST(message);
        st.setValue(value);
        return st;
    }
}
