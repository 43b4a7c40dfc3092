package org.ntrklab.reflex.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.Recommendation;
import org.ntrklab.events.WorkRequestType;
import org.ntrklab.platform.cases.Decision;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.reflex.rules.ReflexRule;

/**
 * Turns the pending intents of a case into orders and advice: the first assay of an intent's chain, not yet
 * tried, whose QC did not fail is ordered; an assay already ordered and open or answered covers the intent; one
 * tried without a definite answer is passed over. Kept apart from {@link ReflexDesk}, which decides when to
 * place, so that the limits on ordering (chain depth, explicit requests, no assay twice but as a RETEST) are
 * read in one place.
 */
final class OrderPlacement {

    private final ReflexPolicy policy;

    OrderPlacement(ReflexPolicy policy) {
        this.policy = policy;
    }

    /**
     * Places every pending intent that can be placed now. An intent waits while the QC decision of the
     * assay it would order is unknown; intents are placed in the order they were formed, so the orders of
     * a replay come out the same.
     */
    Decision<ReflexCase, ReflexOutput> settle(ReflexCase c, String causeId, Instant occurredAt, long now,
            String outcome) {
        List<PlacedOrder> orders = new ArrayList<>(c.orders());
        List<String> advised = new ArrayList<>(c.advised());
        List<Intent> stillPending = new ArrayList<>();
        List<ReflexOutput> out = new ArrayList<>();
        for (Intent intent : c.pending()) {
            if (c.cancelled()) {
                break;
            }
            if (intent.depth() > policy.table().maxChainDepth()) {
                advise(new Advice(Recommendation.CONSIDER_ALTERNATIVE_METHOD, ReflexRule.CHAIN_LIMIT, intent.trigger(),
                        intent.rule().id() + " would order at depth " + intent.depth() + ", the limit is "
                                + policy.table().maxChainDepth()), advised, out, causeId, occurredAt);
                continue;
            }
            if (intent.retest()) {
                place(c, intent, intent.chain().get(0), List.of(), orders, out, causeId, occurredAt);
                continue;
            }
            List<AssayType> failedQc = new ArrayList<>();
            boolean placedOrWaiting = false;
            boolean anyCandidate = false;
            for (AssayType assay : intent.chain()) {
                List<PlacedOrder> earlier = orders.stream().filter(o -> o.assay() == assay).toList();
                if (earlier.stream().anyMatch(o -> !o.inconclusive())) {
                    // Already ordered and open or answered: the intent is covered by that order.
                    placedOrWaiting = true;
                    break;
                }
                if (!earlier.isEmpty()) {
                    // Tried without a definite answer: look further down the chain.
                    continue;
                }
                if (assay != intent.chain().get(0) && firstChoiceOfAnother(c.pending(), intent, assay)) {
                    // Another intent (e.g. another explicitly requested assay) orders it under its own rule.
                    placedOrWaiting = true;
                    break;
                }
                if (!requested(c.facts(), assay)) {
                    // An explicit request orders exactly the listed assays; sample-qc judges only those.
                    advise(new Advice(Recommendation.CONSIDER_ALTERNATIVE_METHOD, ReflexRule.NOT_REQUESTED,
                            intent.trigger(), intent.rule().id() + " would order " + assay + "; requested: "
                                    + c.facts().requestedAssays()), advised, out, causeId, occurredAt);
                    placedOrWaiting = true;
                    break;
                }
                anyCandidate = true;
                QcVerdict verdict = c.qc().get(assay);
                if (verdict == null) {
                    stillPending.add(intent);
                    placedOrWaiting = true;
                    break;
                }
                if (verdict == QcVerdict.FAIL) {
                    failedQc.add(assay);
                    continue;
                }
                place(c, intent, assay, failedQc, orders, out, causeId, occurredAt);
                placedOrWaiting = true;
                break;
            }
            if (!placedOrWaiting && anyCandidate) {
                advise(new Advice(ReflexPolicy.whenNoAssayQualifies(c.facts()), ReflexRule.NO_QUALIFYING_ASSAY,
                        intent.trigger(), intent.rule().id() + ": every candidate failed sample QC: " + failedQc),
                        advised, out, causeId, occurredAt);
            }
            // No candidate left: every assay of the chain was tried and failed; reporting says so.
        }
        ReflexCase next = c.with(c.facts(), c.cancelled(), c.qc(), orders, c.cancelled() ? List.of() : stillPending,
                advised, now);
        return new Decision<>(next, false, out, outcome);
    }

    /**
     * Gives advice once: {@code advised} holds the keys of the advice already given to the case, and gains
     * this one's.
     */
    void advise(Advice advice, List<String> advised, List<ReflexOutput> out, String causeId, Instant occurredAt) {
        if (advised.contains(advice.key())) {
            return;
        }
        advised.add(advice.key());
        out.add(new ReflexOutput.Recommended(advice.recommendation(), advice.rule().id(),
                advice.rule().rationale() + withDetail(advice.detail()), advice.rule().reference(), advice.trigger(),
                version(), EventIds.derived(causeId, "advice/" + advice.key()), causeId, occurredAt));
    }

    private static boolean firstChoiceOfAnother(List<Intent> pending, Intent intent, AssayType assay) {
        return pending.stream().anyMatch(other -> other != intent && other.chain().get(0) == assay);
    }

    private static boolean requested(CaseFacts facts, AssayType assay) {
        return facts.requestType() != WorkRequestType.EXPLICIT_ASSAYS || facts.requestedAssays().contains(assay);
    }

    private void place(ReflexCase c, Intent intent, AssayType assay, List<AssayType> failedQc, List<PlacedOrder> orders,
            List<ReflexOutput> out, String causeId, Instant occurredAt) {
        long sameAssay = orders.stream().filter(o -> o.assay() == assay).count();
        String orderId = c.accessionId() + "-" + shortName(assay) + (sameAssay + 1);
        ReflexRule rule = failedQc.isEmpty() ? intent.rule() : ReflexRule.QC_FALLBACK;
        String rationale = failedQc.isEmpty()
                ? rule.rationale() + withDetail(intent.detail())
                : rule.rationale() + ". " + intent.rule().id() + " preferred " + failedQc.get(0) + "; failed QC: "
                        + failedQc + withDetail(intent.detail());
        String reference = (failedQc.isEmpty() ? rule.reference() : rule.reference() + "; " + intent.rule().reference())
                + (intent.extraReference() == null ? "" : "; " + intent.extraReference());
        orders.add(new PlacedOrder(orderId, assay, intent.reason(), intent.depth(), null));
        List<NtrkGene> probes = assay == AssayType.NTRK_FISH ? policy.fishProbes(c.facts()) : List.of();
        out.add(new ReflexOutput.Ordered(orderId, assay, intent.reason(), rule.id(), rationale, reference,
                c.facts().priority(), intent.depth(), intent.trigger(), probes, version(),
                EventIds.derived(causeId, "order/" + orderId), causeId, occurredAt));
    }

    private String version() {
        return policy.table().version();
    }

    private static String withDetail(String detail) {
        return detail == null || detail.isBlank() ? "" : ". " + detail;
    }

    /** Short assay names for order ids, e.g. NT26-03-000123-RNA1. */
    static String shortName(AssayType assay) {
        switch (assay) {
            case PAN_TRK_IHC:
                return "IHC";
            case NTRK_FISH:
                return "FISH";
            case RT_PCR:
                return "PCR";
            case RNA_NGS:
                return "RNA";
            case DNA_NGS:
                return "DNA";
            default:
                return "CFDNA";
        }
    }
}
