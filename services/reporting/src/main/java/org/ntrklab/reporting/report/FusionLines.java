package org.ntrklab.reporting.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ntrklab.events.AmpTier;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.reporting.report.ReportBody.FusionLine;

/**
 * The fusions a report names (docs/clinical-rules.md#tiers): each NTRK fusion once, named the HGNC
 * way by the method that says most about it, with its AMP/ASCO/CAP tier.
 */
final class FusionLines {

    /** Which positive names the fusion first: the method that says most about it. */
    private static final List<AssayType> NAMING_ORDER = List.of(AssayType.RNA_NGS, AssayType.DNA_NGS,
            AssayType.RT_PCR, AssayType.CFDNA_NGS, AssayType.NTRK_FISH);

    private FusionLines() {
    }

    static List<FusionLine> of(List<OrderRecord> positives) {
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

    /** A fusion as the interpretation states it: name, description where it adds to the name, method, tier. */
    static String text(FusionLine f) {
        if (f.fivePrimeGene() == null) {
            return f.description() + " (" + ReportInterpreter.name(f.detectedBy()) + ")";
        }
        String described = f.description().equals(f.fivePrimeGene() + " :: " + f.threePrimeGene()) ? ""
                : " (" + f.description() + ")";
        return f.hgncName() + described + " by " + ReportInterpreter.name(f.detectedBy()) + ", " + tierText(f.tier());
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

    /** Why a fusion is Tier III, as its limitation states it. */
    static String tierIiiReason(FusionLine f) {
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
}
