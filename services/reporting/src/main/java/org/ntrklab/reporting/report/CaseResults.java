package org.ntrklab.reporting.report;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ntrklab.events.AmpTier;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;
import org.ntrklab.reporting.report.ReportBody.FusionLine;

/**
 * The orders of an accession sorted once the way every rule reads them, so that the overall call, the
 * concordance statement and the limitations weigh the same positives, negatives and IHC reading.
 *
 * @param orders every order, cancelled ones included (they tell a cancelled case from a QC-blocked one)
 * @param attempted the orders not cancelled
 * @param positives molecular positives
 * @param tissueNegatives molecular negatives on tissue, whether or not they cover every NTRK gene
 * @param cfDnaNegatives negatives in plasma, which never exclude a fusion in the tumour
 * @param equivocal equivocal molecular results
 * @param ihc the last pan-TRK IHC that could be read, or null
 * @param fusions the fusions the positives name, with their tiers
 * @param coverage which NTRK genes the tissue negatives exclude
 * @param highSuspicion HIGH suspicion from the LIMS or from reflex
 */
record CaseResults(List<OrderRecord> orders, List<OrderRecord> attempted, List<OrderRecord> positives,
        List<OrderRecord> tissueNegatives, List<OrderRecord> cfDnaNegatives, List<OrderRecord> equivocal,
        OrderRecord ihc, List<FusionLine> fusions, NegativeCoverage coverage, boolean highSuspicion,
        PreTest preTest) {

    static CaseResults of(CaseFacts facts, List<OrderRecord> orders, PreTest preTest) {
        List<OrderRecord> attempted = orders.stream().filter(o -> o.state() != AssayState.CANCELLED).toList();
        List<OrderRecord> positives = resulted(attempted, ReportInterpreter.MOLECULAR, AssayInterpretation.POSITIVE);
        List<OrderRecord> tissueNegatives = resulted(attempted, ReportInterpreter.TISSUE_MOLECULAR,
                AssayInterpretation.NEGATIVE);
        OrderRecord ihc = lastIhc(attempted);
        boolean highSuspicion = preTest.highSuspicion(facts);
        // DNA panels miss NTRK2/NTRK3 fusions whose breakpoints lie in large introns: where the pre-test
        // probability is high, or a stained IHC needs explaining, a DNA-NGS negative speaks for NTRK1 only.
        NegativeCoverage coverage = NegativeCoverage.of(tissueNegatives, highSuspicion || stains(ihc));
        return new CaseResults(orders, attempted, positives, tissueNegatives,
                resulted(attempted, EnumSet.of(AssayType.CFDNA_NGS), AssayInterpretation.NEGATIVE),
                resulted(attempted, ReportInterpreter.MOLECULAR, AssayInterpretation.EQUIVOCAL), ihc,
                FusionLines.of(positives), coverage, highSuspicion, preTest);
    }

    /** The IHC reading, or null when no staining could be read. */
    AssayInterpretation ihcCall() {
        return ihc == null ? null : ihc.interpretation();
    }

    /** A positive or equivocal stain: TRK is expressed, which a fusion or wild-type TRK may explain. */
    boolean ihcStains() {
        return stains(ihc);
    }

    /** The tissue negatives together exclude a fusion of NTRK1, NTRK2 and NTRK3. */
    boolean conclusiveNegative() {
        return coverage.complete();
    }

    /** The tissue negatives when they are conclusive, else none: a partial negative is no molecular answer. */
    List<OrderRecord> conclusiveNegatives() {
        return conclusiveNegative() ? tissueNegatives : List.of();
    }

    /** Every named fusion is Tier III: found, but not a target of TRK inhibitors. */
    boolean onlyUncertainFusions() {
        return !fusions.isEmpty() && fusions.stream().allMatch(f -> f.tier() == AmpTier.TIER_III);
    }

    private static boolean stains(OrderRecord ihc) {
        AssayInterpretation call = ihc == null ? null : ihc.interpretation();
        return call == AssayInterpretation.POSITIVE || call == AssayInterpretation.EQUIVOCAL;
    }

    private static List<OrderRecord> resulted(List<OrderRecord> orders, Set<AssayType> assays,
            AssayInterpretation interpretation) {
        return orders.stream().filter(o -> o.resulted() && assays.contains(o.assay())
                && o.interpretation() == interpretation).toList();
    }

    /** The last IHC staining that could be read; a non-evaluable repeat does not erase an earlier reading. */
    private static OrderRecord lastIhc(List<OrderRecord> attempted) {
        OrderRecord last = null;
        for (OrderRecord o : attempted) {
            if (o.assay() == AssayType.PAN_TRK_IHC && o.resulted() && o.interpretation() != AssayInterpretation.FAILED
                    && o.interpretation() != AssayInterpretation.NON_EVALUABLE) {
                last = o;
            }
        }
        return last;
    }
}
