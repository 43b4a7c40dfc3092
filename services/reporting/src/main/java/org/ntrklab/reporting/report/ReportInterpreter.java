package org.ntrklab.reporting.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ntrklab.events.AmpTier;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.OverallCall;
import org.ntrklab.reporting.report.ReportBody.AssayLine;
import org.ntrklab.reporting.report.ReportBody.FusionLine;
import org.ntrklab.reporting.report.ReportBody.QcLimitationLine;

/**
 * The interpretation rules of docs/clinical-rules.md: overall call, fusions named the HGNC way with their
 * AMP/ASCO/CAP tier, the IHC/molecular concordance statement, and the limitations of each method used.
 * Pure: the same orders give the same report.
 */
public final class ReportInterpreter {

    static final String SOLOMON_2020 = "Solomon et al., Mod Pathol 2020";
    static final String ESMO_2019 = "ESMO 2019, Marchio et al., Ann Oncol 30:1417";
    static final String ESMO_CTDNA_2022 = "ESMO ctDNA recommendations 2022";
    static final String AMP_2017 = "AMP/ASCO/CAP 2017, Li et al., J Mol Diagn 19:4";

    /** Methods that can show a fusion; pan-TRK IHC shows expression only. */
    static final Set<AssayType> MOLECULAR = EnumSet.of(AssayType.NTRK_FISH, AssayType.RT_PCR, AssayType.RNA_NGS,
            AssayType.DNA_NGS, AssayType.CFDNA_NGS);
    /** Molecular methods on tissue: their negative is a negative; a negative in plasma is not. */
    static final Set<AssayType> TISSUE_MOLECULAR = EnumSet.of(AssayType.NTRK_FISH, AssayType.RT_PCR,
            AssayType.RNA_NGS, AssayType.DNA_NGS);
    /** Which positive names the fusion first: the method that says most about it. */
    private static final List<AssayType> NAMING_ORDER = List.of(AssayType.RNA_NGS, AssayType.DNA_NGS,
            AssayType.RT_PCR, AssayType.CFDNA_NGS, AssayType.NTRK_FISH);

    /** The version of these rules, named in every report they write. Change it with every change of a rule. */
    public static final String RULE_SET_VERSION = "ntrk-report-rules-2026.2";

    /** A report from the orders alone, with the LIMS's suspicion and no sample-QC decisions. */
    public ReportBody interpret(CaseFacts facts, List<OrderRecord> orders, List<AdviceNote> advice) {
        return interpret(facts, orders, advice, List.of(), PreTest.of(facts));
    }

    /**
     * The report of an accession.
     *
     * @param qc sample-qc's latest decision per assay: caveats and failures become limitations
     * @param preTest the suspicion and tumour-type class reflex worked with
     */
    public ReportBody interpret(CaseFacts facts, List<OrderRecord> orders, List<AdviceNote> advice, List<QcRecord> qc,
            PreTest preTest) {
        List<OrderRecord> attempted = orders.stream().filter(o -> o.state() != AssayState.CANCELLED).toList();
        List<OrderRecord> positives = resulted(attempted, MOLECULAR, AssayInterpretation.POSITIVE);
        List<OrderRecord> tissueNegatives = resulted(attempted, TISSUE_MOLECULAR, AssayInterpretation.NEGATIVE);
        OrderRecord ihc = lastIhc(attempted);
        AssayInterpretation ihcCall = ihc == null ? null : ihc.interpretation();
        boolean ihcStains = ihcCall == AssayInterpretation.POSITIVE || ihcCall == AssayInterpretation.EQUIVOCAL;
        boolean highSuspicion = preTest.highSuspicion(facts);
        // DNA panels miss NTRK2/NTRK3 fusions whose breakpoints lie in large introns: where the pre-test
        // probability is high, or a stained IHC needs explaining, a DNA-NGS negative speaks for NTRK1 only.
        Coverage coverage = Coverage.of(tissueNegatives, highSuspicion || ihcStains);
        boolean conclusiveNegative = coverage.complete();
        List<OrderRecord> conclusiveNegatives = conclusiveNegative ? tissueNegatives : List.of();
        List<OrderRecord> cfDnaNegatives = resulted(attempted, EnumSet.of(AssayType.CFDNA_NGS),
                AssayInterpretation.NEGATIVE);
        List<OrderRecord> equivocal = resulted(attempted, MOLECULAR, AssayInterpretation.EQUIVOCAL);

        List<FusionLine> fusions = fusions(positives);
        boolean onlyUncertain = !fusions.isEmpty() && fusions.stream().allMatch(f -> f.tier() == AmpTier.TIER_III);
        OverallCall call;
        String interpretation;
        if (!positives.isEmpty() && onlyUncertain) {
            call = OverallCall.FUSION_OF_UNCERTAIN_SIGNIFICANCE;
            interpretation = uncertainText(fusions);
        } else if (!positives.isEmpty()) {
            call = OverallCall.POSITIVE;
            interpretation = positiveText(fusions);
        } else if (conclusiveNegative) {
            call = OverallCall.NEGATIVE;
            interpretation = "No NTRK1, NTRK2 or NTRK3 fusion detected by " + methods(tissueNegatives) + ".";
        } else if (ihcStains) {
            call = OverallCall.INCONCLUSIVE;
            interpretation = "TRK expression by pan-TRK IHC (" + ihcCall.name().toLowerCase()
                    + ") without a successful molecular confirmation"
                    + (tissueNegatives.isEmpty() ? "" : " (" + coverage.text() + ")")
                    + ": the NTRK fusion status is not determined."
                    + (coverage.dnaOnly() ? " DNA-based NGS may miss NTRK2 and NTRK3 fusions, so the staining is not"
                            + " explained by it: RNA-based testing (RNA-NGS) is recommended." : "");
        } else if (!tissueNegatives.isEmpty()) {
            call = OverallCall.INCONCLUSIVE;
            interpretation = coverage.text() + ": an NTRK fusion is not excluded"
                    + (highSuspicion && coverage.dnaLimited() ? " in a case of high pre-test suspicion"
                            + (preTest.highPrevalence() ? " (a tumour type where NTRK fusions are found in >90%)" : "")
                            : "")
                    + "; the NTRK fusion status is not determined.";
        } else if (!cfDnaNegatives.isEmpty()) {
            call = OverallCall.INCONCLUSIVE;
            interpretation = "No NTRK fusion detected in plasma cell-free DNA. This does not exclude a fusion in the"
                    + " tumour: the NTRK fusion status is not determined.";
        } else if (!equivocal.isEmpty()) {
            call = OverallCall.INCONCLUSIVE;
            interpretation = "Equivocal result by " + methods(equivocal)
                    + ": the NTRK fusion status is not determined.";
        } else if (ihcCall == AssayInterpretation.NEGATIVE && !highSuspicion && !preTest.ihcUnreliable()) {
            call = OverallCall.NEGATIVE;
            interpretation = "No TRK expression by pan-TRK IHC (" + ihc.finding().method()
                    + "): an NTRK fusion is unlikely but not excluded.";
        } else if (ihcCall == AssayInterpretation.NEGATIVE) {
            call = OverallCall.INCONCLUSIVE;
            interpretation = "No TRK expression by pan-TRK IHC (" + ihc.finding().method() + "), but "
                    + (preTest.ihcUnreliable() ? "pan-TRK IHC is not reliable in this tumour type"
                            : "pre-test suspicion is high and pan-TRK IHC detects only 79.4% of NTRK3 fusions")
                    + ": the NTRK fusion status is not determined; molecular testing (RNA-NGS) is recommended.";
        } else {
            call = OverallCall.FAILURE;
            if (!attempted.isEmpty()) {
                interpretation = "No assay gave an evaluable result (" + methods(attempted) + ").";
            } else if (orders.isEmpty()) {
                interpretation = "No assay could be run: every candidate assay failed sample QC.";
            } else {
                interpretation = "No assay was run: every order was cancelled.";
            }
        }
        for (OrderRecord o : orders) {
            if (o.correction() != null) {
                OrderRecord.Correction k = o.correction();
                interpretation += " The result of " + name(o.assay()) + " (" + o.orderId() + ") was corrected by "
                        + k.pathologistRef() + " (" + k.reason() + (k.explanation() == null || k.explanation().isBlank()
                                ? "" : ": " + k.explanation()) + ").";
            }
        }
        if (!advice.isEmpty()) {
            interpretation += " Recommended: " + advice.stream().map(a -> a.text() + " (" + a.ruleId() + ")")
                    .distinct().collect(Collectors.joining("; ")) + ".";
        }
        List<AssayLine> assays = orders.stream()
                .map(o -> new AssayLine(o.orderId(), o.assay(), o.state(), o.resulted() ? o.interpretation() : null))
                .toList();
        boolean testingIncomplete = call == OverallCall.INCONCLUSIVE || call == OverallCall.FAILURE;
        List<QcLimitationLine> qcLimitations = QcLimitations.of(orders, qc, testingIncomplete);
        List<String> limitations = new ArrayList<>(limitations(attempted, ihcCall, positives, conclusiveNegatives,
                fusions, coverage));
        qcLimitations.forEach(q -> limitations.add(q.statement()));
        return new ReportBody(facts.orderId(), facts.specimenId(), facts.patientRef(), facts.tumourCode(),
                facts.tumourText(), call, fusions, assays, concordance(ihc, positives, conclusiveNegatives, fusions),
                limitations, interpretation, qcLimitations, RULE_SET_VERSION);
    }

    /**
     * Which NTRK genes the tissue negatives exclude a fusion of, at the level each method's known sensitivity
     * allows: RNA-NGS all three; DNA-NGS all three, or NTRK1 only where its NTRK2/NTRK3 misses matter; FISH
     * the genes it probed; a targeted RT-PCR no whole gene (only its targets).
     *
     * @param weak genes only a discounted DNA-NGS negative speaks for
     */
    record Coverage(Set<NtrkGene> covered, Set<NtrkGene> weak, List<OrderRecord> negatives) {

        static Coverage of(List<OrderRecord> negatives, boolean dnaSpeaksForNtrk1Only) {
            Set<NtrkGene> covered = EnumSet.noneOf(NtrkGene.class);
            Set<NtrkGene> weak = EnumSet.noneOf(NtrkGene.class);
            for (OrderRecord o : negatives) {
                if (o.assay() == AssayType.DNA_NGS && dnaSpeaksForNtrk1Only) {
                    covered.add(NtrkGene.NTRK1);
                    weak.add(NtrkGene.NTRK2);
                    weak.add(NtrkGene.NTRK3);
                } else {
                    covered.addAll(ReportInterpreter.covered(o));
                }
            }
            weak.removeAll(covered);
            return new Coverage(covered, weak, negatives);
        }

        boolean complete() {
            return covered.size() == NtrkGene.values().length;
        }

        /** A DNA-NGS negative was discounted for NTRK2/NTRK3 and nothing else covers them. */
        boolean dnaLimited() {
            return !weak.isEmpty();
        }

        /** DNA-NGS is the only molecular negative, and it was discounted. */
        boolean dnaOnly() {
            return dnaLimited() && negatives.stream().allMatch(o -> o.assay() == AssayType.DNA_NGS);
        }

        /** The negative gene by gene: what was excluded, what DNA-NGS may have missed, what was not tested. */
        String text() {
            Set<NtrkGene> untested = EnumSet.allOf(NtrkGene.class);
            untested.removeAll(covered);
            untested.removeAll(weak);
            StringBuilder b = new StringBuilder("No ");
            b.append(covered.isEmpty() ? "NTRK" : genes(covered)).append(" fusion detected by ")
                    .append(methods(negatives));
            if (!weak.isEmpty()) {
                b.append("; ").append(genes(weak)).append(" fusions not excluded (DNA-based NGS may miss them)");
            }
            if (!untested.isEmpty()) {
                b.append("; ").append(genes(untested)).append(" not tested");
            }
            return b.toString();
        }

        private static String genes(Set<NtrkGene> genes) {
            return genes.stream().map(Enum::name).collect(Collectors.joining(", "));
        }
    }

    /** The NTRK genes a negative result speaks for. */
    static Set<NtrkGene> covered(OrderRecord o) {
        Set<NtrkGene> genes = EnumSet.noneOf(NtrkGene.class);
        if (o.assay() == AssayType.RNA_NGS || o.assay() == AssayType.DNA_NGS) {
            genes.addAll(EnumSet.allOf(NtrkGene.class));
        } else if (o.assay() == AssayType.NTRK_FISH && o.finding() != null) {
            genes.addAll(o.finding().probedGenes());
        }
        // A targeted RT-PCR detects the transcripts its primers target, not every fusion of a gene.
        return genes;
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

    // ---- fusions and tiers ------------------------------------------------------------------

    private static List<FusionLine> fusions(List<OrderRecord> positives) {
        List<OrderRecord> byNaming = positives.stream()
                .sorted(Comparator.comparingInt(o -> NAMING_ORDER.indexOf(o.assay()))).toList();
        List<FusionLine> lines = new ArrayList<>();
        for (OrderRecord o : byNaming) {
            if (o.assay() == AssayType.NTRK_FISH) {
                NtrkGene gene = o.finding() == null ? null : o.finding().fishProbeGene();
                if (gene != null && lines.stream().noneMatch(l -> l.ntrkGene() == gene)) {
                    lines.add(new FusionLine(gene.name(), gene + " rearrangement detected; partner not identified",
                            gene, null, null, null, null, null, null, null, AssayType.NTRK_FISH));
                }
                continue;
            }
            for (FusionFinding f : findings(o)) {
                if (f.involvesNtrk() && lines.stream().noneMatch(l -> l.hgncName().equals(f.hgncName()))) {
                    lines.add(new FusionLine(f.hgncName(), f.description(), NtrkGene.valueOf(f.ntrkGene()),
                            f.fivePrimeGene(), f.threePrimeGene(), f.fivePrimeExon(), f.threePrimeExon(), f.inFrame(),
                            f.kinaseDomainRetained(), tier(f, o.assay()), o.assay()));
                }
            }
        }
        return lines;
    }

    /** Sequencing calls as reported; RT-PCR targets named the HGNC way ("ETV6::NTRK3") split into partners. */
    private static List<FusionFinding> findings(OrderRecord o) {
        if (o.finding() == null) {
            return List.of();
        }
        if (o.assay() != AssayType.RT_PCR) {
            return o.finding().fusions();
        }
        List<FusionFinding> out = new ArrayList<>();
        for (String target : o.finding().pcrDetected()) {
            // HGNC "::" notation; the older "-" notation is read too when it splits into exactly two genes.
            String[] genes = target.contains("::") ? target.split("::") : target.split("-");
            if (genes.length == 2) {
                out.add(new FusionFinding(genes[0], genes[1], null, null, null, null).tidy());
            }
        }
        return out;
    }

    /**
     * AMP/ASCO/CAP tier (Li et al. 2017): an in-frame fusion with NTRK as the 3′ partner and the kinase
     * domain retained is Tier I, Level A, because TRK inhibitors are approved tumour-agnostically; NTRK as
     * the 5′ partner, a lost kinase domain or an out-of-frame junction is Tier III [D]. When the method
     * does not say whether the fusion is in frame or keeps the kinase domain, no tier is given and the
     * report asks for review. An RT-PCR primer set detects known, in-frame, kinase-retaining transcripts
     * only, so its NTRK-3′ detections are Tier I, Level A [D].
     */
    static AmpTier tier(FusionFinding f, AssayType method) {
        if (!f.ntrkThreePrime() || Boolean.FALSE.equals(f.kinaseDomainRetained()) || Boolean.FALSE.equals(f.inFrame())) {
            return AmpTier.TIER_III;
        }
        if (method == AssayType.RT_PCR) {
            return AmpTier.TIER_I_LEVEL_A;
        }
        if (Boolean.TRUE.equals(f.inFrame()) && Boolean.TRUE.equals(f.kinaseDomainRetained())) {
            return AmpTier.TIER_I_LEVEL_A;
        }
        return null;
    }

    /**
     * Only fusions of unknown significance (AMP/ASCO/CAP Tier III): reported as found, in words that cannot
     * be read as an indication for a TRK inhibitor (ESMO 2019: the kinase domain must be retained in frame).
     */
    private static String uncertainText(List<FusionLine> fusions) {
        return "NTRK fusion of uncertain significance detected: "
                + fusions.stream().map(ReportInterpreter::fusionText).collect(Collectors.joining("; "))
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
        b.append(fusions.stream().map(ReportInterpreter::fusionText).collect(Collectors.joining("; "))).append('.');
        if (fusions.stream().anyMatch(f -> f.tier() == AmpTier.TIER_I_LEVEL_A)) {
            b.append(" NTRK fusions that keep the kinase domain are the target of the tumour-agnostic TRK inhibitor"
                    + " approvals (larotrectinib, entrectinib, repotrectinib).");
        }
        return b.toString();
    }

    private static String fusionText(FusionLine f) {
        if (f.fivePrimeGene() == null) {
            return f.description() + " (" + name(f.detectedBy()) + ")";
        }
        String described = f.description().equals(f.fivePrimeGene() + " :: " + f.threePrimeGene()) ? ""
                : " (" + f.description() + ")";
        return f.hgncName() + described + " by " + name(f.detectedBy()) + ", " + tierText(f.tier());
    }

    static String tierText(AmpTier tier) {
        if (tier == null) {
            return "AMP/ASCO/CAP tier not assigned (pathologist review)";
        }
        switch (tier) {
            case TIER_I_LEVEL_A:
                return "AMP/ASCO/CAP Tier I, Level A";
            case TIER_I_LEVEL_B:
                return "AMP/ASCO/CAP Tier I, Level B";
            case TIER_II:
                return "AMP/ASCO/CAP Tier II";
            case TIER_III:
                return "AMP/ASCO/CAP Tier III (unknown significance)";
            default:
                return "AMP/ASCO/CAP Tier IV";
        }
    }

    // ---- concordance ------------------------------------------------------------------------

    /**
     * The IHC/molecular concordance statement (docs/clinical-rules.md#concordance), when a pan-TRK IHC result
     * and a conclusive molecular result both exist (a negative in plasma is not conclusive).
     */
    static String concordance(OrderRecord ihc, List<OrderRecord> positives, List<OrderRecord> tissueNegatives,
            List<FusionLine> fusions) {
        if (ihc == null) {
            return null;
        }
        AssayInterpretation ihcCall = ihc.interpretation();
        boolean ihcStains = ihcCall == AssayInterpretation.POSITIVE || ihcCall == AssayInterpretation.EQUIVOCAL;
        if (ihcCall != AssayInterpretation.NEGATIVE && !ihcStains) {
            return null;
        }
        if (!positives.isEmpty() && !fusions.isEmpty() && fusions.stream().allMatch(f -> f.tier() == AmpTier.TIER_III)) {
            return "Pan-TRK IHC " + ihcCall.name().toLowerCase() + "; only an NTRK fusion of uncertain significance"
                    + " (Tier III) was found by " + methods(positives) + ": for pathologist review.";
        }
        if (!positives.isEmpty()) {
            String by = methods(positives);
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
            return "Discordant (IHC negative, " + by + " positive for " + genes.stream().map(Enum::name)
                    .collect(Collectors.joining(", ")) + "): pan-TRK IHC detects NTRK1 fusions in 96.2% and NTRK2"
                    + " fusions in 100% of cases (" + SOLOMON_2020 + "); the discordance needs pathologist review.";
        }
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

    // ---- limitations ------------------------------------------------------------------------

    private static List<String> limitations(List<OrderRecord> attempted, AssayInterpretation ihcCall,
            List<OrderRecord> positives, List<OrderRecord> tissueNegatives, List<FusionLine> fusions,
            Coverage coverage) {
        Set<String> out = new LinkedHashSet<>();
        boolean molecularAnswer = !positives.isEmpty() || !tissueNegatives.isEmpty();
        if (ihcCall == AssayInterpretation.NEGATIVE && !molecularAnswer) {
            out.add("A negative pan-TRK IHC does not exclude an NTRK3 fusion: its sensitivity is 79.4% for NTRK3"
                    + " fusions (" + SOLOMON_2020 + ").");
        }
        if ((ihcCall == AssayInterpretation.POSITIVE || ihcCall == AssayInterpretation.EQUIVOCAL) && !molecularAnswer) {
            out.add("Pan-TRK IHC also stains wild-type TRK; a TRK inhibitor is not started on IHC alone and a"
                    + " molecular confirmation is needed (" + ESMO_2019 + ").");
        }
        for (OrderRecord o : attempted) {
            if (!o.resulted() || o.interpretation() == AssayInterpretation.FAILED
                    || o.interpretation() == AssayInterpretation.NON_EVALUABLE) {
                out.add(name(o.assay()) + " (" + o.orderId() + ") gave no result: " + noResult(o) + ".");
                continue;
            }
            switch (o.assay()) {
                case DNA_NGS:
                    if (o.interpretation() == AssayInterpretation.NEGATIVE) {
                        out.add("DNA-based NGS may miss NTRK2 and NTRK3 fusions whose breakpoints lie in large"
                                + " introns; an RNA-based test is advised if suspicion remains (" + ESMO_2019 + ").");
                        if (coverage.dnaLimited()) {
                            out.add("The DNA-NGS negative is not taken to exclude NTRK2 or NTRK3 fusions here ("
                                    + (ihcCall == AssayInterpretation.POSITIVE || ihcCall == AssayInterpretation.EQUIVOCAL
                                            ? "a stained pan-TRK IHC needs explaining" : "high pre-test suspicion")
                                    + "): RNA-based testing (RNA-NGS) is recommended (" + SOLOMON_2020 + ").");
                        }
                    }
                    break;
                case CFDNA_NGS:
                    if (o.interpretation() != AssayInterpretation.POSITIVE) {
                        out.add("Not detecting a fusion in cell-free DNA does not exclude one in the tumour, which"
                                + " may shed little DNA; tissue testing is advised (" + ESMO_CTDNA_2022 + ").");
                    }
                    break;
                case NTRK_FISH:
                    List<NtrkGene> probes = o.finding() == null ? List.of() : o.finding().probedGenes();
                    if (o.interpretation() == AssayInterpretation.POSITIVE) {
                        out.add("Break-apart FISH does not identify the fusion partner, nor whether the fusion is in"
                                + " frame and expressed: its AMP/ASCO/CAP tier needs pathologist review, and RNA-based"
                                + " NGS can characterise it where material allows (" + ESMO_2019 + ").");
                    } else if (!probes.isEmpty() && probes.size() < NtrkGene.values().length) {
                        String probed = probes.stream().map(Enum::name).collect(Collectors.joining(", "));
                        out.add(probed + " break-apart FISH tests " + probed + " only; fusions of the other NTRK"
                                + " genes are not excluded.");
                    }
                    break;
                case RT_PCR:
                    if (o.finding() != null && !o.finding().pcrTargets().isEmpty()) {
                        out.add("RT-PCR detects only the fusion transcripts its primers target: "
                                + String.join(", ", o.finding().pcrTargets()) + ".");
                    }
                    break;
                default:
                    break;
            }
        }
        for (FusionLine f : fusions) {
            if (f.tier() == AmpTier.TIER_III) {
                out.add(f.hgncName() + " is AMP/ASCO/CAP Tier III (unknown significance): "
                        + tierIiiReason(f) + "; it is not an indication for a TRK inhibitor (" + AMP_2017 + ").");
            }
            if (f.tier() == null && f.fivePrimeGene() != null) {
                out.add("Whether " + f.hgncName() + " is in frame and keeps the kinase domain was not reported; its"
                        + " AMP/ASCO/CAP tier needs pathologist review (" + AMP_2017 + ").");
            }
        }
        return List.copyOf(out);
    }

    private static String tierIiiReason(FusionLine f) {
        List<String> why = new ArrayList<>();
        if (f.threePrimeGene() != null && !f.threePrimeGene().startsWith("NTRK")) {
            why.add("NTRK is the 5' partner");
        }
        if (Boolean.FALSE.equals(f.kinaseDomainRetained())) {
            why.add("the NTRK kinase domain is lost");
        }
        if (Boolean.FALSE.equals(f.inFrame())) {
            why.add("the junction is out of frame");
        }
        return why.isEmpty() ? "not a kinase-retaining NTRK 3' fusion" : String.join(", ", why);
    }

    private static String noResult(OrderRecord o) {
        if (o.state() == AssayState.BLOCKED_QC) {
            return "sample QC failed";
        }
        if (o.state() == AssayState.RUN_FAILED) {
            return "run failed" + (o.reason() == null ? "" : " (" + o.reason() + ")");
        }
        if (o.interpretation() == AssayInterpretation.NON_EVALUABLE) {
            return "not evaluable";
        }
        if (o.interpretation() == AssayInterpretation.FAILED) {
            return "the assay failed";
        }
        return "no result was received (" + o.state() + ")";
    }

    static String methods(List<OrderRecord> orders) {
        return orders.stream().map(o -> name(o.assay())).distinct().collect(Collectors.joining(", "));
    }

    /** The assay as a report names it. */
    public static String name(AssayType assay) {
        switch (assay) {
            case PAN_TRK_IHC:
                return "pan-TRK IHC";
            case NTRK_FISH:
                return "NTRK FISH";
            case RT_PCR:
                return "RT-PCR";
            case RNA_NGS:
                return "RNA-NGS";
            case DNA_NGS:
                return "DNA-NGS";
            default:
                return "cfDNA NGS";
        }
    }
}
