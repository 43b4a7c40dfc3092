package org.ntrklab.reporting.report;

import static org.ntrklab.reporting.report.ReportInterpreter.SOLOMON_2020;
import static org.ntrklab.reporting.report.ReportInterpreter.methods;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.reporting.report.ReportBody.FusionLine;

/**
 * The IHC/molecular concordance statement (docs/clinical-rules.md#concordance), when a pan-TRK IHC result and a
 * conclusive molecular result both exist (a negative in plasma, or one that leaves a gene uncovered, is not
 * conclusive): pan-TRK IHC misses some fusions and stains wild-type TRK, so each disagreement is explained.
 */
final class ConcordanceStatements {

    private ConcordanceStatements() {
    }

    /** The statement, or null when there is nothing to compare. */
    static String of(CaseResults r) {
        OrderRecord ihc = r.ihc();
        if (ihc == null) {
            return null;
        }
        AssayInterpretation ihcCall = ihc.interpretation();
        boolean ihcStains = r.ihcStains();
        if (ihcCall != AssayInterpretation.NEGATIVE && !ihcStains) {
            return null;
        }
        List<OrderRecord> positives = r.positives();
        if (!positives.isEmpty() && r.onlyUncertainFusions()) {
            return "Pan-TRK IHC " + ihcCall.name().toLowerCase() + "; only an NTRK fusion of uncertain significance"
                    + " (Tier III) was found by " + methods(positives) + ": for pathologist review.";
        }
        if (!positives.isEmpty()) {
            return withFusion(ihcCall, methods(positives), r.fusions());
        }
        List<OrderRecord> tissueNegatives = r.conclusiveNegatives();
        if (!tissueNegatives.isEmpty()) {
            String by = methods(tissueNegatives);
            if (ihcStains) {
                return "TRK expression without fusion (IHC " + ihcCall.name().toLowerCase() + ", " + by
                        + " negative): pan-TRK IHC also stains wild-type TRK, e.g. in tumours with neural or"
                        + " smooth-muscle differentiation (" + SOLOMON_2020 + ").";
            }
            return "Concordant: pan-TRK IHC negative and no NTRK fusion detected by " + by + ".";
        }
        return null;
    }

    /** IHC against a molecular positive; a negative stain is weighed by the gene, as its sensitivity differs. */
    private static String withFusion(AssayInterpretation ihcCall, String by, List<FusionLine> fusions) {
        if (ihcCall == AssayInterpretation.POSITIVE) {
            return "Concordant: pan-TRK IHC positive and an NTRK fusion detected by " + by + ".";
        }
        if (ihcCall == AssayInterpretation.EQUIVOCAL) {
            return "Pan-TRK IHC equivocal; an NTRK fusion is confirmed by " + by + ".";
        }
        Set<NtrkGene> genes = fusions.stream().map(FusionLine::ntrkGene)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (genes.isEmpty()) {
            return "Discordant (IHC negative, " + by + " positive): the discordance needs pathologist review.";
        }
        if (genes.equals(Set.of(NtrkGene.NTRK3))) {
            return "Discordant (IHC negative, " + by + " positive): consistent with the lower sensitivity of"
                    + " pan-TRK IHC for NTRK3 fusions (79.4%; " + SOLOMON_2020 + ").";
        }
        return "Discordant (IHC negative, " + by + " positive for " + NegativeCoverage.genes(genes)
                + "): pan-TRK IHC detects NTRK1 fusions in 96.2% and NTRK2"
                + " fusions in 100% of cases (" + SOLOMON_2020 + "); the discordance needs pathologist review.";
    }
}
