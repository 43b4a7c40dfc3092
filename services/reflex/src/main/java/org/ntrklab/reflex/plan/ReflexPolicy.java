package org.ntrklab.reflex.plan;

import static org.ntrklab.events.AssayType.CFDNA_NGS;
import static org.ntrklab.events.AssayType.DNA_NGS;
import static org.ntrklab.events.AssayType.NTRK_FISH;
import static org.ntrklab.events.AssayType.PAN_TRK_IHC;
import static org.ntrklab.events.AssayType.RNA_NGS;
import static org.ntrklab.events.AssayType.RT_PCR;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.ClinicalSuspicion;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.OrderReason;
import org.ntrklab.events.Recommendation;
import org.ntrklab.events.RunFailureReason;
import org.ntrklab.events.WorkRequestType;
import org.ntrklab.reflex.rules.ReflexRule;
import org.ntrklab.reflex.rules.ReflexRuleTable;
import org.ntrklab.reflex.rules.TumourRoute;
import org.ntrklab.reflex.rules.TumourTypeEntry;

/**
 * The rules of docs/reflex.md as pure functions: the initial plan of an accession and the reaction to
 * each result or run failure. Whether an intended assay is actually ordered (QC, duplicates, chain depth)
 * is decided by {@link ReflexDesk}.
 */
public final class ReflexPolicy {

    /** Molecular methods in order of preference after a failed RNA-NGS: DNA-NGS, then FISH (RX-RNA-FAILED). */
    static final List<AssayType> TISSUE_MOLECULAR = List.of(RNA_NGS, DNA_NGS, NTRK_FISH);
    /**
     * Where NTRK fusions are highly recurrent (almost always ETV6::NTRK3): RNA-NGS, then the methods ESMO 2019
     * accepts in these tumour types, break-apart FISH and RT-PCR; DNA-NGS, which misses NTRK3 breakpoints,
     * last.
     */
    static final List<AssayType> HIGH_PREVALENCE_MOLECULAR = List.of(RNA_NGS, NTRK_FISH, RT_PCR, DNA_NGS);
    static final List<AssayType> IHC_SCREEN = List.of(PAN_TRK_IHC, RNA_NGS, DNA_NGS, NTRK_FISH);
    /** After a negative DNA-NGS or IHC with high suspicion: methods that see NTRK3 fusions. */
    static final List<AssayType> NTRK3_SENSITIVE = List.of(RNA_NGS, NTRK_FISH);
    /** The same in a high-prevalence tumour type, where RT-PCR for ETV6::NTRK3 is accepted too. */
    static final List<AssayType> NTRK3_SENSITIVE_HIGH_PREVALENCE = List.of(RNA_NGS, NTRK_FISH, RT_PCR);
    /** Break-apart probes of a FISH order: every NTRK gene, so that a negative covers all three. */
    static final List<NtrkGene> FISH_PROBES = List.of(NtrkGene.NTRK1, NtrkGene.NTRK2, NtrkGene.NTRK3);
    /** The next molecular method not yet tried, after an equivocal molecular result. */
    static final List<AssayType> ANY_MOLECULAR = List.of(RNA_NGS, NTRK_FISH, DNA_NGS, RT_PCR);

    private final ReflexRuleTable table;

    public ReflexPolicy(ReflexRuleTable table) {
        this.table = table;
    }

    public ReflexRuleTable table() {
        return table;
    }

    /**
     * @param unlistedCode the OncoTree code was in no route of the table, so the default route was taken
     */
    public record Plan(List<Intent> intents, boolean unlistedCode) {
    }

    /** The initial orders of a new accession: the explicit request, or the work-up route of docs/reflex.md. */
    public Plan initialPlan(CaseFacts facts) {
        if (facts.requestType() == WorkRequestType.EXPLICIT_ASSAYS) {
            List<Intent> intents = new ArrayList<>();
            for (AssayType assay : facts.requestedAssays()) {
                List<AssayType> chain = new ArrayList<>();
                chain.add(assay);
                // Fallbacks: another requested assay is left to its own intent, one outside the request
                // becomes advice (ReflexDesk).
                chain.addAll(failureChain(facts, assay));
                intents.add(new Intent(chain, ReflexRule.EXPLICIT_REQUEST, OrderReason.INITIAL, null, 0,
                        "requested: " + assay, null));
            }
            return new Plan(intents, false);
        }
        if (facts.plasma()) {
            return new Plan(List.of(initial(List.of(CFDNA_NGS), ReflexRule.ROUTE_BLOOD, "specimen is plasma", null)),
                    false);
        }
        Optional<TumourTypeEntry> entry = table.tumourType(facts.oncoTreeCode());
        TumourRoute route = entry.map(TumourTypeEntry::route).orElse(TumourRoute.IHC_SCREEN);
        String listed = entry.map(e -> "OncoTree " + e.code() + " (" + e.name() + ") is listed as " + e.route()
                + ", " + e.category()).orElse(null);
        String source = entry.map(TumourTypeEntry::source).orElse(null);
        if (route == TumourRoute.HIGH_PREVALENCE) {
            return new Plan(List.of(initial(HIGH_PREVALENCE_MOLECULAR, ReflexRule.ROUTE_HIGH_PREVALENCE, listed,
                    source)), false);
        }
        if (route == TumourRoute.IHC_UNRELIABLE) {
            return new Plan(List.of(initial(TISSUE_MOLECULAR, ReflexRule.ROUTE_IHC_UNRELIABLE, listed, source)),
                    false);
        }
        if (facts.ageYears() < table.paediatricAgeBelow()) {
            return new Plan(List.of(initial(TISSUE_MOLECULAR, ReflexRule.ROUTE_PAEDIATRIC,
                    "age " + facts.ageYears() + " is under " + table.paediatricAgeBelow(), null)), entry.isEmpty());
        }
        String why = entry.isPresent() ? listed : "OncoTree " + facts.oncoTreeCode()
                + " is not in the routing table (table " + table.version() + "): default route";
        return new Plan(List.of(initial(IHC_SCREEN, ReflexRule.ROUTE_IHC_SCREEN, why, source)), entry.isEmpty());
    }

    private static Intent initial(List<AssayType> chain, ReflexRule rule, String detail, String source) {
        return new Intent(chain, rule, OrderReason.INITIAL, null, 0, detail, source);
    }

    /**
     * The pre-test suspicion the rules work with: HIGH when the LIMS says so, and for a tumour type listed as
     * high-prevalence whatever the request says (fusions in >90%, ESMO 2019).
     */
    public ClinicalSuspicion suspicion(CaseFacts facts) {
        return facts.highSuspicion() || tumourTypeRoute(facts) == TumourRoute.HIGH_PREVALENCE
                ? ClinicalSuspicion.HIGH : ClinicalSuspicion.STANDARD;
    }

    /** The routing table's class of the case's tumour type; a code in no route is IHC_SCREEN, the default. */
    public TumourRoute tumourTypeRoute(CaseFacts facts) {
        return table.tumourType(facts.oncoTreeCode()).map(TumourTypeEntry::route).orElse(TumourRoute.IHC_SCREEN);
    }

    private boolean highSuspicion(CaseFacts facts) {
        return suspicion(facts) == ClinicalSuspicion.HIGH;
    }

    private boolean highPrevalence(CaseFacts facts) {
        return tumourTypeRoute(facts) == TumourRoute.HIGH_PREVALENCE;
    }

    /** The break-apart probes a FISH order asks for. */
    public List<NtrkGene> fishProbes(CaseFacts facts) {
        return FISH_PROBES;
    }

    /** The reaction to a result of {@code order}, with no stained pan-TRK IHC on the case. */
    public Reaction afterResult(CaseFacts facts, PlacedOrder order, AssayInterpretation result, Trigger trigger) {
        return afterResult(facts, order, result, trigger, false);
    }

    /**
     * The reaction to a result of {@code order}, per docs/reflex.md#reflex-after-a-result.
     *
     * @param ihcStained a pan-TRK IHC of the case was positive or equivocal: a DNA-NGS negative does not
     *     answer it (DNA panels miss NTRK2/NTRK3 breakpoints)
     */
    public Reaction afterResult(CaseFacts facts, PlacedOrder order, AssayInterpretation result, Trigger trigger,
            boolean ihcStained) {
        AssayType assay = order.assay();
        AssayInterpretation r = result == AssayInterpretation.NON_EVALUABLE && assay != PAN_TRK_IHC
                ? AssayInterpretation.FAILED : result;
        switch (assay) {
            case PAN_TRK_IHC:
                switch (r) {
                    case POSITIVE:
                        return reflex(TISSUE_MOLECULAR, ReflexRule.IHC_POSITIVE, order, trigger);
                    case EQUIVOCAL:
                        return reflex(TISSUE_MOLECULAR, ReflexRule.IHC_EQUIVOCAL, order, trigger);
                    case NON_EVALUABLE:
                    case FAILED:
                        return reflex(TISSUE_MOLECULAR, ReflexRule.IHC_NON_EVALUABLE, order, trigger);
                    default:
                        return highSuspicion(facts)
                                ? reflex(ntrk3Sensitive(facts), ReflexRule.IHC_NEGATIVE_HIGH_SUSPICION, order, trigger)
                                : Reaction.stop("ihc_negative_standard_suspicion");
                }
            case CFDNA_NGS:
                if (r == AssayInterpretation.POSITIVE) {
                    return Reaction.stop("fusion_detected");
                }
                return Reaction.advise(new Advice(Recommendation.TEST_TISSUE, r == AssayInterpretation.FAILED
                        ? ReflexRule.CFDNA_FAILED : ReflexRule.CFDNA_NOT_DETECTED, trigger, "cfDNA result " + r));
            default:
                if (r == AssayInterpretation.FAILED) {
                    return afterFailure(facts, assay, order, trigger);
                }
                if (r == AssayInterpretation.EQUIVOCAL) {
                    return reflex(ANY_MOLECULAR, ReflexRule.MOLECULAR_EQUIVOCAL, order, trigger);
                }
                if (assay == DNA_NGS && r == AssayInterpretation.NEGATIVE && highSuspicion(facts)) {
                    return reflex(ntrk3Sensitive(facts), ReflexRule.DNA_NEGATIVE_HIGH_SUSPICION, order, trigger);
                }
                if (assay == DNA_NGS && r == AssayInterpretation.NEGATIVE && ihcStained) {
                    return reflex(NTRK3_SENSITIVE, ReflexRule.DNA_NEGATIVE_IHC_POSITIVE, order, trigger);
                }
                return Reaction.stop(r == AssayInterpretation.POSITIVE ? "fusion_detected" : "no_fusion_detected");
        }
    }

    /**
     * The reaction to a failed run: a retest of the same assay when the failure was technical, the assay
     * has retests left and its QC has not failed since, otherwise what a FAILED result of that assay leads to.
     */
    public Reaction afterRunFailure(CaseFacts facts, PlacedOrder order, RunFailureReason reason,
            int retestsOfAssay, boolean qcFailed, Trigger trigger, boolean ihcStained) {
        // A repeat needs material that still passes QC: after a failed re-extraction it would only be blocked.
        if (table.retestable(reason) && retestsOfAssay < table.maxRetestsPerAssay() && !qcFailed) {
            return Reaction.order(new Intent(List.of(order.assay()), ReflexRule.RETEST_TECHNICAL_FAILURE,
                    OrderReason.RETEST, trigger, order.depth() + 1, "run failed: " + reason, null));
        }
        return afterResult(facts, order, AssayInterpretation.FAILED, trigger, ihcStained);
    }

    private Reaction afterFailure(CaseFacts facts, AssayType assay, PlacedOrder order, Trigger trigger) {
        ReflexRule rule = failureRule(facts, assay);
        if (assay == CFDNA_NGS) {
            return Reaction.advise(new Advice(Recommendation.TEST_TISSUE, rule, trigger, "cfDNA NGS failed"));
        }
        return reflex(failureChain(facts, assay), rule, order, trigger);
    }

    private List<AssayType> ntrk3Sensitive(CaseFacts facts) {
        return highPrevalence(facts) ? NTRK3_SENSITIVE_HIGH_PREVALENCE : NTRK3_SENSITIVE;
    }

    /**
     * What replaces an assay that failed (QC or run), in order of preference, for this tumour type. In a
     * high-prevalence type the methods that see ETV6::NTRK3 (FISH, RT-PCR) come before DNA-NGS, which
     * misses NTRK3 breakpoints.
     */
    List<AssayType> failureChain(CaseFacts facts, AssayType assay) {
        List<AssayType> chain = failureChain(assay);
        if (!highPrevalence(facts) || chain.isEmpty()) {
            return chain;
        }
        List<AssayType> reordered = new ArrayList<>(chain);
        reordered.remove(DNA_NGS);
        if (assay != RT_PCR && !reordered.contains(RT_PCR)) {
            reordered.add(RT_PCR);
        }
        if (assay != DNA_NGS) {
            reordered.add(DNA_NGS);
        }
        return List.copyOf(reordered);
    }

    /** What replaces an assay that failed (QC or run), in order of preference. */
    static List<AssayType> failureChain(AssayType assay) {
        switch (assay) {
            case PAN_TRK_IHC:
                return TISSUE_MOLECULAR;
            case RNA_NGS:
                return List.of(DNA_NGS, NTRK_FISH);
            case DNA_NGS:
                return List.of(RNA_NGS, NTRK_FISH);
            case NTRK_FISH:
                return List.of(RNA_NGS, DNA_NGS, RT_PCR);
            case RT_PCR:
                return List.of(RNA_NGS, DNA_NGS, NTRK_FISH);
            default:
                return List.of();
        }
    }

    ReflexRule failureRule(CaseFacts facts, AssayType assay) {
        return assay == RNA_NGS && highPrevalence(facts) ? ReflexRule.RNA_FAILED_HIGH_PREVALENCE : failureRule(assay);
    }

    static ReflexRule failureRule(AssayType assay) {
        switch (assay) {
            case PAN_TRK_IHC:
                return ReflexRule.IHC_NON_EVALUABLE;
            case RNA_NGS:
                return ReflexRule.RNA_FAILED;
            case DNA_NGS:
                return ReflexRule.DNA_FAILED;
            case CFDNA_NGS:
                return ReflexRule.CFDNA_FAILED;
            default:
                return ReflexRule.FISH_OR_PCR_FAILED;
        }
    }

    /** What to advise when no assay of an intent can be run on this specimen. */
    static Recommendation whenNoAssayQualifies(CaseFacts facts) {
        return facts.plasma() ? Recommendation.TEST_TISSUE : Recommendation.REQUEST_NEW_SPECIMEN;
    }

    private static Reaction reflex(List<AssayType> chain, ReflexRule rule, PlacedOrder order, Trigger trigger) {
        return Reaction.order(new Intent(chain, rule, OrderReason.REFLEX, trigger, order.depth() + 1,
                "after " + order.assay() + " order " + trigger.orderId(), null));
    }
}
