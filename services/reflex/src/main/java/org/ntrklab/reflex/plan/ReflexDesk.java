package org.ntrklab.reflex.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.NtrkGene;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.Recommendation;
import org.ntrklab.events.RunFailureReason;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.WorkRequestType;
import org.ntrklab.platform.cases.CaseContext;
import org.ntrklab.platform.cases.CaseLogic;
import org.ntrklab.platform.cases.Decision;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.reflex.rules.ReflexRule;

/**
 * Test selection for one accession at a time: records accessions, QC verdicts and results, turns them
 * into intents by {@link ReflexPolicy}, and places each intent as an order once the QC decision of its
 * assay is known: the first assay of the intent's chain, not yet tried, whose QC did not fail. An assay
 * already ordered and open or answered covers the intent; one tried without a definite answer is passed
 * over. No assay is ordered twice for an accession except as a RETEST, no chain goes deeper than the
 * table allows, and for an explicit request no assay outside the request is ordered (advice instead).
 * Pure: no Kafka, no clock of its own; ids derive from the causing event, so a replay gives the same
 * orders.
 */
public final class ReflexDesk implements CaseLogic<ReflexInput, ReflexCase, ReflexOutput> {

    private final ReflexPolicy policy;
    private final Duration idleRetention;

    public ReflexDesk(ReflexPolicy policy, Duration idleRetention) {
        this.policy = policy;
        this.idleRetention = idleRetention;
    }

    public ReflexPolicy policy() {
        return policy;
    }

    @Override
    public Decision<ReflexCase, ReflexOutput> decide(String accessionId, ReflexCase state, ReflexInput input,
            CaseContext context) {
        long now = context.now();
        if (input instanceof ReflexInput.Accessioned a) {
            return accessioned(state, accessionId, a.eventId(), a.occurredAt(), a.accession(), now);
        }
        if (input instanceof ReflexInput.Cancelled) {
            return cancelled(state, accessionId, now);
        }
        if (input instanceof ReflexInput.QcDecided q) {
            return qcDecided(state, accessionId, q.eventId(), q.occurredAt(), q.decision(), now);
        }
        if (input instanceof ReflexInput.Resulted r) {
            return resulted(state, r.eventId(), r.occurredAt(), r.result(), now);
        }
        ReflexInput.StatusChanged s = (ReflexInput.StatusChanged) input;
        return statusChanged(state, s.eventId(), s.occurredAt(), s.status(), now);
    }

    /**
     * Forgets a case idle beyond the retention; otherwise announces a case that settled before reflex
     * wrote settled announcements.
     */
    @Override
    public Decision<ReflexCase, ReflexOutput> housekeep(String accessionId, ReflexCase state, CaseContext context) {
        Decision<ReflexCase, ReflexOutput> expired = expire(state, context.now());
        return expired.delete() ? expired : announceEarlierSettled(state, Instant.ofEpochMilli(context.now()));
    }

    public Decision<ReflexCase, ReflexOutput> accessioned(ReflexCase existing, String accessionId, String eventId,
            Instant occurredAt, SpecimenAccessioned accessioned, long now) {
        return announce(accessionedStep(existing, accessionId, eventId, occurredAt, accessioned, now), eventId,
                occurredAt);
    }

    private Decision<ReflexCase, ReflexOutput> accessionedStep(ReflexCase existing, String accessionId,
            String eventId, Instant occurredAt, SpecimenAccessioned accessioned, long now) {
        ReflexCase c = existing == null ? ReflexCase.open(accessionId, now) : existing;
        if (c.accessioned()) {
            return Decision.unchanged("duplicate");
        }
        CaseFacts facts = CaseFacts.of(accessioned);
        if (c.cancelled()) {
            return new Decision<>(c.with(facts, true, c.qc(), c.orders(), List.of(), c.advised(), now), false,
                    List.of(), "cancelled");
        }
        ReflexPolicy.Plan plan = policy.initialPlan(facts);
        c = c.with(facts, false, c.qc(), c.orders(), plan.intents(), c.advised(), now);
        return settle(c, eventId, occurredAt, now, plan.unlistedCode() ? "planned_unlisted_code" : "planned");
    }

    public Decision<ReflexCase, ReflexOutput> cancelled(ReflexCase existing, String accessionId, long now) {
        ReflexCase c = existing == null ? ReflexCase.open(accessionId, now) : existing;
        if (c.cancelled()) {
            return Decision.unchanged("duplicate");
        }
        // Pending intents are dropped; assay-tracking cancels the open orders.
        return new Decision<>(c.with(c.facts(), true, c.qc(), c.orders(), List.of(), c.advised(), now), false,
                List.of(), "cancelled");
    }

    public Decision<ReflexCase, ReflexOutput> qcDecided(ReflexCase existing, String accessionId, String eventId,
            Instant occurredAt, QcDecided decision, long now) {
        return announce(qcDecidedStep(existing, accessionId, eventId, occurredAt, decision, now), eventId,
                occurredAt);
    }

    private Decision<ReflexCase, ReflexOutput> qcDecidedStep(ReflexCase existing, String accessionId,
            String eventId, Instant occurredAt, QcDecided decision, long now) {
        ReflexCase c = existing == null ? ReflexCase.open(accessionId, now) : existing;
        if (decision.getVerdict() == c.qc().get(decision.getAssay())) {
            return Decision.unchanged("qc_unchanged");
        }
        // ntrk.qc-decisions is ordered per accession, so the last decision to arrive is the current one.
        return settle(c.withQc(decision.getAssay(), decision.getVerdict(), now), eventId, occurredAt, now,
                "qc_recorded");
    }

    public Decision<ReflexCase, ReflexOutput> resulted(ReflexCase existing, String eventId, Instant occurredAt,
            AssayResulted result, long now) {
        return announce(resultedStep(existing, eventId, occurredAt, result, now), eventId, occurredAt);
    }

    private Decision<ReflexCase, ReflexOutput> resultedStep(ReflexCase existing, String eventId, Instant occurredAt,
            AssayResulted result, long now) {
        PlacedOrder order = existing == null ? null : existing.order(result.getOrderId());
        if (order == null) {
            return Decision.unchanged("unknown_order");
        }
        String outcome = AssayState.RESULTED + ":" + result.getInterpretation();
        if (outcome.equals(order.outcome())) {
            return Decision.unchanged("duplicate");
        }
        ReflexCase c = existing.withOrder(order.withOutcome(outcome));
        if (c.cancelled()) {
            return new Decision<>(touch(c, now), false, List.of(), "cancelled");
        }
        Trigger trigger = new Trigger(order.orderId(), order.assay(), eventId);
        Reaction reaction = policy.afterResult(c.facts(), order, result.getInterpretation(), trigger, ihcStained(c));
        return react(c, reaction, eventId, occurredAt, now);
    }

    public Decision<ReflexCase, ReflexOutput> statusChanged(ReflexCase existing, String eventId, Instant occurredAt,
            AssayStatusChanged status, long now) {
        return announce(statusChangedStep(existing, eventId, occurredAt, status, now), eventId, occurredAt);
    }

    private Decision<ReflexCase, ReflexOutput> statusChangedStep(ReflexCase existing, String eventId, Instant occurredAt,
            AssayStatusChanged status, long now) {
        AssayState to = status.getToState();
        if (to != AssayState.RUN_FAILED && to != AssayState.CANCELLED && to != AssayState.BLOCKED_QC) {
            return Decision.unchanged("status_noted");
        }
        PlacedOrder order = existing == null ? null : existing.order(status.getOrderId());
        if (order == null) {
            return Decision.unchanged("unknown_order");
        }
        RunFailureReason reason = runFailureReason(status.getReason());
        String outcome = to == AssayState.RUN_FAILED ? to + ":" + reason : to.name();
        if (outcome.equals(order.outcome())) {
            return Decision.unchanged("duplicate");
        }
        ReflexCase c = existing.withOrder(order.withOutcome(outcome));
        if (to == AssayState.CANCELLED || c.cancelled()) {
            return new Decision<>(touch(c, now), false, List.of(), "order_closed");
        }
        Trigger trigger = new Trigger(order.orderId(), order.assay(), eventId);
        Reaction reaction = to == AssayState.BLOCKED_QC
                // A later QC decision failed the material of an order already placed: the rules treat a failed
                // QC like a failed result (RX-RNA-FAILED: "RNA-NGS failed (result, run, or QC after ordering)",
                // docs/clinical-rules.md#reflex).
                ? policy.afterResult(c.facts(), order, AssayInterpretation.FAILED, trigger, ihcStained(c))
                : policy.afterRunFailure(c.facts(), order, reason, (int) c.retests(order.assay()),
                        c.qc().get(order.assay()) == QcVerdict.FAIL, trigger, ihcStained(c));
        return react(c, reaction, eventId, occurredAt, now);
    }

    /** A pan-TRK IHC of the case was read positive or equivocal (the last reading acted on). */
    static boolean ihcStained(ReflexCase c) {
        return c.orders().stream().filter(o -> o.assay() == AssayType.PAN_TRK_IHC)
                .map(PlacedOrder::outcomeInterpretation)
                .anyMatch(i -> i == AssayInterpretation.POSITIVE || i == AssayInterpretation.EQUIVOCAL);
    }

    /**
     * Adds the settled announcement, as the last output, to a decision that leaves an accessioned, open
     * case with every order answered and nothing pending, unless these very outcomes were announced
     * before. Reporting waits for it, so a result that reflex is about to follow up is never reported as
     * the last word. It carries the suspicion and tumour-type class the rules worked with, so reporting
     * weighs a negative the same way.
     */
    private Decision<ReflexCase, ReflexOutput> announce(Decision<ReflexCase, ReflexOutput> step, String causeId,
            Instant occurredAt) {
        ReflexCase c = step.state();
        ReflexOutput.Settled settled = settlement(c, causeId, occurredAt);
        if (settled == null) {
            return step;
        }
        List<ReflexOutput> outputs = new ArrayList<>(step.outputs());
        outputs.add(settled);
        return Decision.keep(c.announcedSettled(), outputs, step.outcome());
    }

    /** The announcement that {@code c} has settled, or null when it has not or these outcomes were announced. */
    private ReflexOutput.Settled settlement(ReflexCase c, String causeId, Instant occurredAt) {
        if (c == null || !c.accessioned() || c.cancelled() || !c.settled() || c.outcomes().equals(c.settledAs())) {
            return null;
        }
        return new ReflexOutput.Settled(c.orders(), policy.suspicion(c.facts()), policy.tumourTypeRoute(c.facts()),
                version(), EventIds.derived(causeId, "settled/" + c.outcomes()), causeId, occurredAt);
    }

    /**
     * Announces a case that settled before reflex wrote settled announcements (stored by an earlier
     * version), so that reporting can draft it; called by housekeeping. The id derives from the accession
     * and the outcomes, so a repeat writes the same event.
     */
    public Decision<ReflexCase, ReflexOutput> announceEarlierSettled(ReflexCase c, Instant now) {
        if (c == null || c.settledAs() != null) {
            return Decision.unchanged("kept");
        }
        String causeId = EventIds.derived(c.accessionId(), "settled-earlier/" + c.outcomes());
        ReflexOutput.Settled settled = settlement(c, causeId, now);
        return settled == null ? Decision.unchanged("kept")
                : Decision.keep(c.announcedSettled(), List.of(settled), "announced_earlier_settled");
    }

    /** Forgets a case that has been settled (or never accessioned) for longer than the idle retention. */
    public Decision<ReflexCase, ReflexOutput> expire(ReflexCase c, long now) {
        boolean idle = now - c.lastUpdateWallMillis() > idleRetention.toMillis();
        if (idle && (c.settled() || !c.accessioned() || c.cancelled())) {
            return new Decision<>(null, true, List.of(), "evicted");
        }
        return Decision.unchanged("kept");
    }

    /** assay-tracking writes the run failure reason's name; anything else reads as OTHER_FAILURE. */
    static RunFailureReason runFailureReason(String reason) {
        if (reason != null) {
            for (RunFailureReason r : RunFailureReason.values()) {
                if (r.name().equals(reason.trim())) {
                    return r;
                }
            }
        }
        return RunFailureReason.OTHER_FAILURE;
    }

    private Decision<ReflexCase, ReflexOutput> react(ReflexCase c, Reaction reaction, String eventId,
            Instant occurredAt, long now) {
        if (reaction.intent() != null) {
            List<Intent> pending = new ArrayList<>(c.pending());
            pending.add(reaction.intent());
            c = c.with(c.facts(), c.cancelled(), c.qc(), c.orders(), pending, c.advised(), now);
            return settle(c, eventId, occurredAt, now, "reflex");
        }
        if (reaction.advice() != null) {
            List<ReflexOutput> out = new ArrayList<>();
            List<String> advised = new ArrayList<>(c.advised());
            advise(reaction.advice(), advised, out, eventId, occurredAt);
            return new Decision<>(c.with(c.facts(), c.cancelled(), c.qc(), c.orders(), c.pending(), advised, now),
                    false, out, "advice");
        }
        return new Decision<>(touch(c, now), false, List.of(), reaction.stop());
    }

    /**
     * Places every pending intent that can be placed now. An intent waits while the QC decision of the
     * assay it would order is unknown; intents are placed in the order they were formed, so the orders of
     * a replay come out the same.
     */
    private Decision<ReflexCase, ReflexOutput> settle(ReflexCase c, String causeId, Instant occurredAt, long now,
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

    private void advise(Advice advice, List<String> advised, List<ReflexOutput> out, String causeId,
            Instant occurredAt) {
        if (advised.contains(advice.key())) {
            return;
        }
        advised.add(advice.key());
        out.add(new ReflexOutput.Recommended(advice.recommendation(), advice.rule().id(),
                advice.rule().rationale() + withDetail(advice.detail()), advice.rule().reference(), advice.trigger(),
                version(), EventIds.derived(causeId, "advice/" + advice.key()), causeId, occurredAt));
    }

    private String version() {
        return policy.table().version();
    }

    private static String withDetail(String detail) {
        return detail == null || detail.isBlank() ? "" : ". " + detail;
    }

    private static ReflexCase touch(ReflexCase c, long now) {
        return c.with(c.facts(), c.cancelled(), c.qc(), c.orders(), c.pending(), c.advised(), now);
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
