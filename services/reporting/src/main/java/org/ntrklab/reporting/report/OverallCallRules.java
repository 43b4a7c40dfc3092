package org.ntrklab.reporting.report;

import static org.ntrklab.reporting.report.ReportInterpreter.AMP_2017;
import static org.ntrklab.reporting.report.ReportInterpreter.ESMO_2019;
import static org.ntrklab.reporting.report.ReportInterpreter.methods;

import java.util.List;
import java.util.stream.Collectors;
import org.ntrklab.events.AmpTier;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.OverallCall;
import org.ntrklab.reporting.report.ReportBody.FusionLine;

/**
 * The overall call and the interpretation that states it, step by step as the table of
 * docs/clinical-rules.md#overall-call lists them: the first step that applies decides, so the order of the
 * branches below is the order of that table.
 */
final class OverallCallRules {

    /** The call with the words that explain it. */
    record Verdict(OverallCall call, String interpretation) {
    }

    private OverallCallRules() {
    }

    static Verdict decide(CaseResults r) {
        List<FusionLine> fusions = r.fusions();
        AssayInterpretation ihcCall = r.ihcCall();
        NegativeCoverage coverage = r.coverage();
        PreTest preTest = r.preTest();
        if (!r.positives().isEmpty() && r.onlyUncertainFusions()) {
            return new Verdict(OverallCall.FUSION_OF_UNCERTAIN_SIGNIFICANCE, uncertainText(fusions));
        }
        if (!r.positives().isEmpty()) {
            return new Verdict(OverallCall.POSITIVE, positiveText(fusions));
        }
        if (r.conclusiveNegative()) {
            return new Verdict(OverallCall.NEGATIVE,
                    "No NTRK1, NTRK2 or NTRK3 fusion detected by " + methods(r.tissueNegatives()) + ".");
        }
        if (r.ihcStains()) {
            return new Verdict(OverallCall.INCONCLUSIVE, "TRK expression by pan-TRK IHC ("
                    + ihcCall.name().toLowerCase() + ") without a successful molecular confirmation"
                    + (r.tissueNegatives().isEmpty() ? "" : " (" + coverage.text() + ")")
                    + ": the NTRK fusion status is not determined."
                    + (coverage.dnaOnly() ? " DNA-based NGS may miss NTRK2 and NTRK3 fusions, so the staining is not"
                            + " explained by it: RNA-based testing (RNA-NGS) is recommended." : ""));
        }
        if (!r.tissueNegatives().isEmpty()) {
            return new Verdict(OverallCall.INCONCLUSIVE, coverage.text() + ": an NTRK fusion is not excluded"
                    + (r.highSuspicion() && coverage.dnaLimited() ? " in a case of high pre-test suspicion"
                            + (preTest.highPrevalence() ? " (a tumour type where NTRK fusions are found in >90%)" : "")
                            : "")
                    + "; the NTRK fusion status is not determined.");
        }
        if (!r.cfDnaNegatives().isEmpty()) {
            return new Verdict(OverallCall.INCONCLUSIVE, "No NTRK fusion detected in plasma cell-free DNA. This does"
                    + " not exclude a fusion in the tumour: the NTRK fusion status is not determined.");
        }
        if (!r.equivocal().isEmpty()) {
            return new Verdict(OverallCall.INCONCLUSIVE, "Equivocal result by " + methods(r.equivocal())
                    + ": the NTRK fusion status is not determined.");
        }
        if (ihcCall == AssayInterpretation.NEGATIVE && !r.highSuspicion() && !preTest.ihcUnreliable()) {
            return new Verdict(OverallCall.NEGATIVE, "No TRK expression by pan-TRK IHC ("
                    + r.ihc().finding().method() + "): an NTRK fusion is unlikely but not excluded.");
        }
        if (ihcCall == AssayInterpretation.NEGATIVE) {
            return new Verdict(OverallCall.INCONCLUSIVE, "No TRK expression by pan-TRK IHC ("
                    + r.ihc().finding().method() + "), but "
                    + (preTest.ihcUnreliable() ? "pan-TRK IHC is not reliable in this tumour type"
                            : "pre-test suspicion is high and pan-TRK IHC detects only 79.4% of NTRK3 fusions")
                    + ": the NTRK fusion status is not determined; molecular testing (RNA-NGS) is recommended.");
        }
        return new Verdict(OverallCall.FAILURE, failureText(r));
    }

    private static String failureText(CaseResults r) {
        if (!r.attempted().isEmpty()) {
            return "No assay gave an evaluable result (" + methods(r.attempted()) + ").";
        }
        if (r.orders().isEmpty()) {
            return "No assay could be run: every candidate assay failed sample QC.";
        }
        return "No assay was run: every order was cancelled.";
    }

    /**
     * Only fusions of unknown significance (AMP/ASCO/CAP Tier III): reported as found, in words that cannot
     * be read as an indication for a TRK inhibitor (ESMO 2019: the kinase domain must be retained in frame).
     */
    private static String uncertainText(List<FusionLine> fusions) {
        return "NTRK fusion of uncertain significance detected: "
                + fusions.stream().map(FusionLines::text).collect(Collectors.joining("; "))
                + ". No actionable NTRK fusion was found: a fusion with NTRK as the 5' partner, without the kinase"
                + " domain or out of frame is not an established target of TRK inhibitors (" + AMP_2017 + "; "
                + ESMO_2019 + ").";
    }

    private static String positiveText(List<FusionLine> fusions) {
        if (fusions.isEmpty()) {
            return "NTRK fusion detected; the method did not name it in a form the report can state"
                    + " (see the assay result).";
        }
        StringBuilder b = new StringBuilder("NTRK fusion detected: ");
        b.append(fusions.stream().map(FusionLines::text).collect(Collectors.joining("; "))).append('.');
        if (fusions.stream().anyMatch(f -> f.tier() == AmpTier.TIER_I_LEVEL_A)) {
            b.append(" NTRK fusions that keep the kinase domain are the target of the tumour-agnostic TRK inhibitor"
                    + " approvals (larotrectinib, entrectinib, repotrectinib).");
        }
        return b.toString();
    }
}
