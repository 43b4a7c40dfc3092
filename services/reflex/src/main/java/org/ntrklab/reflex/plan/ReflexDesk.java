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
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.events.RunFailureReason;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.platform.cases.CaseContext;
import org.ntrklab.platform.cases.CaseLogic;
import org.ntrklab.platform.cases.Decision;

/**
 * Test selection for one accession at a time: records accessions, QC verdicts and results, turns them
 * into intents by {@link ReflexPolicy}, and places each intent as an order once the QC decision of its
 * assay is known: the first assay of the intent's chain, not yet tried, whose QC did not fail. An assay
 * already ordered and open or answered covers the intent; one tried without a definite answer is passed
 * over. No assay is ordered twice for an accession except as a RETEST, no chain goes deeper than the
 * table allows, and for an explicit request no assay outside the request is ordered (advice instead).
 * Pure: no Kafka, no clock of its own; ids derive from the causing event, so a replay gives the same
 * orders.
 *
 * <p>The desk records the facts and asks the policy what they call for; placing intents as orders is
 * {@link OrderPlacement}, and telling reporting that the case has settled is {@link SettledAnnouncement}.
 */
public final class ReflexDesk implements CaseLogic<ReflexInput, ReflexCase, ReflexOutput> {

    private final ReflexPolicy policy;
    private final Duration idleRetention;
    private final OrderPlacement placement;
    private final SettledAnnouncement announcement;

    public ReflexDesk(ReflexPolicy policy, Duration idleRetention) {
        this.policy = policy;
        this.idleRetention = idleRetention;
        this.placement = new OrderPlacement(policy);
        this.announcement = new SettledAnnouncement(policy);
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
        return placement.settle(c, eventId, occurredAt, now, plan.unlistedCode() ? "planned_unlisted_code" : "planned");
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
        return placement.settle(c.withQc(decision.getAssay(), decision.getVerdict(), now), eventId, occurredAt, now,
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

    /** Every decision on a fact ends with the settled announcement when it leaves the case settled. */
    private Decision<ReflexCase, ReflexOutput> announce(Decision<ReflexCase, ReflexOutput> step, String causeId,
            Instant occurredAt) {
        return announcement.announce(step, causeId, occurredAt);
    }

    /**
     * Announces a case that settled before reflex wrote settled announcements (stored by an earlier
     * version), so that reporting can draft it; called by housekeeping.
     */
    public Decision<ReflexCase, ReflexOutput> announceEarlierSettled(ReflexCase c, Instant now) {
        return announcement.announceEarlierSettled(c, now);
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
            return placement.settle(c, eventId, occurredAt, now, "reflex");
        }
        if (reaction.advice() != null) {
            List<ReflexOutput> out = new ArrayList<>();
            List<String> advised = new ArrayList<>(c.advised());
            placement.advise(reaction.advice(), advised, out, eventId, occurredAt);
            return new Decision<>(c.with(c.facts(), c.cancelled(), c.qc(), c.orders(), c.pending(), advised, now),
                    false, out, "advice");
        }
        return new Decision<>(touch(c, now), false, List.of(), reaction.stop());
    }

    private static ReflexCase touch(ReflexCase c, long now) {
        return c.with(c.facts(), c.cancelled(), c.qc(), c.orders(), c.pending(), c.advised(), now);
    }
}
