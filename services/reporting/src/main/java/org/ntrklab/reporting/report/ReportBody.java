package org.ntrklab.reporting.report;

import java.util.List;
import org.ntrklab.events.AmpTier;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.OverallCall;

/** The content of one report version, as ntrk.reports' ReportContent carries it. */
public record ReportBody(String orderId, String specimenId, String patientRef, String tumourCode, String tumourText,
        OverallCall overallCall, List<FusionLine> fusions, List<AssayLine> assays, String concordance,
        List<String> limitations, String interpretation) {

    public ReportBody {
        fusions = List.copyOf(fusions);
        assays = List.copyOf(assays);
        limitations = List.copyOf(limitations);
    }

    /** A reported fusion; for FISH only the NTRK gene is known and the partner fields are null. */
    public record FusionLine(String hgncName, String description, NtrkGene ntrkGene, String fivePrimeGene,
            String threePrimeGene, Integer fivePrimeExon, Integer threePrimeExon, Boolean inFrame,
            Boolean kinaseDomainRetained, AmpTier tier, AssayType detectedBy) {
    }

    public record AssayLine(String orderId, AssayType assay, AssayState state, AssayInterpretation interpretation) {
    }
}
