package org.ntrklab.reporting.report;

import java.util.List;
import org.ntrklab.events.AmpTier;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.OverallCall;
import org.ntrklab.events.QcMetric;
import org.ntrklab.events.QcVerdict;

/** The content of one report version, as ntrk.reports' ReportContent carries it. */
public record ReportBody(String orderId, String specimenId, String patientRef, String tumourCode, String tumourText,
        OverallCall overallCall, List<FusionLine> fusions, List<AssayLine> assays, String concordance,
        List<String> limitations, String interpretation, List<QcLimitationLine> qcLimitations,
        String ruleSetVersion) {

    public ReportBody {
        fusions = List.copyOf(fusions);
        assays = List.copyOf(assays);
        limitations = List.copyOf(limitations);
        qcLimitations = qcLimitations == null ? List.of() : List.copyOf(qcLimitations);
    }

    /** The same content without the patient reference, for readers who are not to see it. */
    public ReportBody withoutPatientRef() {
        return new ReportBody(orderId, specimenId, null, tumourCode, tumourText, overallCall, fusions, assays,
                concordance, limitations, interpretation, qcLimitations, ruleSetVersion);
    }

    /**
     * A sample-QC finding that qualifies the report: a caveat of an assay that was run, or the failure that
     * kept an assay from running ({@code orderId} null when it was never ordered).
     */
    public record QcLimitationLine(String orderId, AssayType assay, String ruleId, QcMetric metric,
            Double measuredValue, String measuredCategory, Double thresholdValue, String threshold, QcVerdict verdict,
            String ruleSetVersion, String statement) {
    }

    /** A reported fusion; for FISH only the NTRK gene is known and the partner fields are null. */
    public record FusionLine(String hgncName, String description, NtrkGene ntrkGene, String fivePrimeGene,
            String threePrimeGene, Integer fivePrimeExon, Integer threePrimeExon, Boolean inFrame,
            Boolean kinaseDomainRetained, AmpTier tier, AssayType detectedBy) {
    }

    public record AssayLine(String orderId, AssayType assay, AssayState state, AssayInterpretation interpretation) {
    }
}
