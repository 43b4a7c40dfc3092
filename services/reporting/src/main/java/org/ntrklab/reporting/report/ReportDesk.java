package org.ntrklab.reporting.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.ReflexRecommended;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.ReflexSettled;
import org.ntrklab.events.ReportCommandRejection;
import org.ntrklab.events.ReportSignOutRequested;
import org.ntrklab.events.ResultCorrectionRequested;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.platform.cases.CaseContext;
import org.ntrklab.platform.cases.CaseLogic;
import org.ntrklab.platform.cases.Decision;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.limits.FieldViolation;

/**
 * Report versions for one accession at a time. Keeps the orders, results and reflex's advice; drafts a
 * report when every order has an outcome and reflex has announced the case settled with those outcomes;
 * issues it FINAL at sign-out (or at once with auto-sign-out); issues AMENDED or CORRECTED versions when a
 * result changes after that. A version is never changed once written. Pure: no Kafka, no clock; event
 * ids derive from the causing event, so a replay gives the same reports.
 *
 * <p>The desk records the pipeline's facts itself; the pathologists' commands are {@link ReportCommands}, and
 * writing versions is {@link ReportDrafting}.
 */
public final class ReportDesk implements CaseLogic<ReportInput, ReportCase, ReportOutput> {

    /** The event that caused a decision: its id and event time. */
    public record Cause(String eventId, Instant occurredAt) {
    }

    private final ReportDrafting drafting;
    private final ReportCommands commands;
    private final Duration idleRetention;

    /**
     * @param autoSignOut issue every draft at once, signed by {@code autoSignOutBy}: for demonstrations and
     *     tests, never for patient reports
     * @param idleRetention how long a settled case (cancelled, or issued with no draft open) is kept after
     *     its last change; its reports stay on ntrk.reports
     */
    public ReportDesk(ReportInterpreter interpreter, boolean autoSignOut, String autoSignOutBy, Duration idleRetention) {
        this.drafting = new ReportDrafting(interpreter, autoSignOut, autoSignOutBy);
        this.commands = new ReportCommands(drafting);
        this.idleRetention = idleRetention;
    }

    public boolean autoSignOut() {
        return drafting.autoSignOut();
    }

    @Override
    public Decision<ReportCase, ReportOutput> decide(String accessionId, ReportCase state, ReportInput input,
            CaseContext context) {
        Decision<ReportCase, ReportOutput> decision = dispatch(accessionId, state, input);
        return decision.state() == null ? decision
                : Decision.keep(decision.state().changedAt(context.now()), decision.outputs(), decision.outcome());
    }

    /**
     * Forgets a settled case once it has been idle for the retention period: a correction after that is
     * refused as for an unknown accession, and the issued reports stay on ntrk.reports. Open cases are kept
     * for as long as they are open.
     */
    @Override
    public Decision<ReportCase, ReportOutput> housekeep(String accessionId, ReportCase state, CaseContext context) {
        if (state.lastChangeWallMillis() == 0) {
            // Kept before its changes were timed: its retention counts from now.
            return Decision.keep(state.changedAt(context.now()), List.of(), "timed");
        }
        if (state.closed() && context.now() - state.lastChangeWallMillis() >= idleRetention.toMillis()) {
            return Decision.forget(List.of(), "evicted");
        }
        return Decision.unchanged("kept");
    }

    private Decision<ReportCase, ReportOutput> dispatch(String accessionId, ReportCase state, ReportInput input) {
        if (input instanceof ReportInput.Accessioned a) {
            return accessioned(state, accessionId, a.cause(), a.accessioned());
        }
        if (input instanceof ReportInput.Cancelled) {
            return cancelled(state, accessionId);
        }
        if (input instanceof ReportInput.Ordered o) {
            return ordered(state, accessionId, o.ordered());
        }
        if (input instanceof ReportInput.Advised a) {
            return advised(state, accessionId, a.cause(), a.advice());
        }
        if (input instanceof ReportInput.Settled s) {
            return settled(state, accessionId, s.cause(), s.settled());
        }
        if (input instanceof ReportInput.Resulted r) {
            return resulted(state, accessionId, r.cause(), r.result());
        }
        if (input instanceof ReportInput.StatusChanged s) {
            return statusChanged(state, accessionId, s.cause(), s.status());
        }
        if (input instanceof ReportInput.QcDecided q) {
            return qcDecided(state, accessionId, q.cause(), q.decision());
        }
        if (input instanceof ReportInput.SignOutRequested s) {
            return signOut(state, accessionId, s.cause(), s.command(), s.signerName());
        }
        ReportInput.CorrectionRequested c = (ReportInput.CorrectionRequested) input;
        return correct(state, accessionId, c.cause(), c.command(), c.signerName());
    }

    // ---- facts from the pipeline --------------------------------------------------------------

    public Decision<ReportCase, ReportOutput> accessioned(ReportCase existing, String accessionId, Cause cause,
            SpecimenAccessioned accessioned) {
        ReportCase c = existing == null ? ReportCase.open(accessionId) : existing;
        if (c.accessioned()) {
            return Decision.unchanged("duplicate");
        }
        c = c.with(CaseFacts.of(accessioned), c.cancelled(), c.orders(), c.advice(), c.settled(), c.versions(),
                c.commands());
        return review(c, cause, "accessioned");
    }

    public Decision<ReportCase, ReportOutput> cancelled(ReportCase existing, String accessionId) {
        ReportCase c = existing == null ? ReportCase.open(accessionId) : existing;
        if (c.cancelled()) {
            return Decision.unchanged("duplicate");
        }
        // An issued report stays as issued: withdrawing it is a pathologist's decision, not a cancellation's.
        return Decision.keep(c.with(c.facts(), true, c.orders(), c.advice(), c.settled(), c.versions(), c.commands()),
                List.of(), c.latestIssued() == null ? "cancelled" : "cancelled_after_report");
    }

    public Decision<ReportCase, ReportOutput> ordered(ReportCase existing, String accessionId, AssayOrdered ordered) {
        ReportCase c = existing == null ? ReportCase.open(accessionId) : existing;
        if (c.order(ordered.getOrderId()) != null) {
            return Decision.unchanged("duplicate");
        }
        // A new order means testing continues: nothing to draft until reflex settles again.
        return Decision.keep(c.withOrder(OrderRecord.ordered(ordered.getOrderId(), ordered.getAssay())), List.of(),
                "order_recorded");
    }

    public Decision<ReportCase, ReportOutput> advised(ReportCase existing, String accessionId, Cause cause,
            ReflexRecommended advice) {
        ReportCase c = existing == null ? ReportCase.open(accessionId) : existing;
        AdviceNote note = new AdviceNote(advice.getRecommendation(), advice.getRuleId());
        if (c.advice().contains(note)) {
            return Decision.unchanged("duplicate");
        }
        List<AdviceNote> updated = new ArrayList<>(c.advice());
        updated.add(note);
        return review(c.with(c.facts(), c.cancelled(), c.orders(), updated, c.settled(), c.versions(), c.commands()),
                cause, "advice_recorded");
    }

    public Decision<ReportCase, ReportOutput> settled(ReportCase existing, String accessionId, Cause cause,
            ReflexSettled settled) {
        ReportCase c = existing == null ? ReportCase.open(accessionId) : existing;
        List<ReportCase.SettledOrder> orders = settled.getOrders().stream()
                .map(o -> new ReportCase.SettledOrder(o.getOrderId(), o.getState(), o.getInterpretation())).toList();
        PreTest preTest = PreTest.of(settled);
        if (orders.equals(c.settled()) && preTest.equals(c.preTest())) {
            return Decision.unchanged("duplicate");
        }
        c = c.withPreTest(preTest);
        // An order listed here but not yet seen on ntrk.assay-orders cannot happen (same topic, earlier
        // offset); its status may still be on its way from ntrk.assay-status, which readiness waits for.
        return review(c.with(c.facts(), c.cancelled(), c.orders(), c.advice(), orders, c.versions(), c.commands()),
                cause, "settled_recorded");
    }

    /**
     * Sample-qc's decision on one assay: its caveats and failures qualify the report. The decision that
     * counts is the latest for the assay (a re-extraction replaces the earlier one). A changed decision on an
     * assay that was ordered redrafts the report; one on an assay that was not waits for the next draft.
     */
    public Decision<ReportCase, ReportOutput> qcDecided(ReportCase existing, String accessionId, Cause cause,
            QcDecided decision) {
        ReportCase c = existing == null ? ReportCase.open(accessionId) : existing;
        QcRecord record = QcRecord.of(decision);
        if (c.qc().contains(record)) {
            return Decision.unchanged("duplicate");
        }
        c = c.withQc(record);
        if (c.orders().stream().noneMatch(o -> o.assay() == decision.getAssay())) {
            // An assay that was not ordered: the decision is kept for the next draft (it explains why a method
            // was not used) but does not by itself revise a report; sample-qc re-decides as measurements arrive.
            return Decision.keep(c, List.of(), "qc_recorded");
        }
        return review(c, cause, "qc_recorded");
    }

    public Decision<ReportCase, ReportOutput> statusChanged(ReportCase existing, String accessionId, Cause cause,
            AssayStatusChanged status) {
        if (status.getToState() == AssayState.RESULTED) {
            // The AssayResulted that goes with it carries the interpretation.
            return Decision.unchanged("status_noted");
        }
        ReportCase c = existing == null ? ReportCase.open(accessionId) : existing;
        OrderRecord order = c.order(status.getOrderId());
        if (order == null) {
            order = OrderRecord.ordered(status.getOrderId(), status.getAssay());
        }
        if (order.state() == status.getToState() && java.util.Objects.equals(order.reason(), status.getReason())) {
            return Decision.unchanged("duplicate");
        }
        return review(c.withOrder(order.withStatus(status.getToState(), status.getReason())), cause, "status_recorded");
    }

    public Decision<ReportCase, ReportOutput> resulted(ReportCase existing, String accessionId, Cause cause,
            AssayResulted result) {
        ReportCase c = existing == null ? ReportCase.open(accessionId) : existing;
        OrderRecord order = c.order(result.getOrderId());
        if (order == null) {
            order = OrderRecord.ordered(result.getOrderId(), result.getAssay());
        }
        Finding finding = Finding.of(result.getResultDetails());
        // Compared with the result as assay-tracking reported it, not as corrected: a redelivery must not
        // undo a pathologist's correction.
        if (order.state() == AssayState.RESULTED && order.trackedInterpretation() == result.getInterpretation()
                && finding.equals(order.trackedFinding())) {
            return Decision.unchanged("duplicate");
        }
        // A result that changes after sign-out (e.g. an order released from a QC block and run) is drafted as
        // a revision and issued as AMENDED at the next sign-out.
        c = c.withOrder(order.withResult(result.getInterpretation(), finding));
        return review(c, cause, "result_recorded");
    }

    /** A fact may complete the case or change its report: drafting decides whether a version is written. */
    private Decision<ReportCase, ReportOutput> review(ReportCase c, Cause cause, String outcome) {
        return drafting.review(c, cause, outcome);
    }

    // ---- commands: answered by ReportCommands ----------------------------------------------

    public Decision<ReportCase, ReportOutput> signOut(ReportCase existing, String accessionId, Cause cause,
            ReportSignOutRequested command) {
        return signOut(existing, accessionId, cause, command, null);
    }

    /** @param signerName the signing pathologist's display name, recorded beside their staff identifier; may be null */
    public Decision<ReportCase, ReportOutput> signOut(ReportCase existing, String accessionId, Cause cause,
            ReportSignOutRequested command, String signerName) {
        return commands.signOut(existing, accessionId, cause, command, signerName);
    }

    public Decision<ReportCase, ReportOutput> correct(ReportCase existing, String accessionId, Cause cause,
            ResultCorrectionRequested command) {
        return correct(existing, accessionId, cause, command, null);
    }

    /** @param signerName the correcting pathologist's display name, recorded on the version it issues; may be null */
    public Decision<ReportCase, ReportOutput> correct(ReportCase existing, String accessionId, Cause cause,
            ResultCorrectionRequested command, String signerName) {
        return commands.correct(existing, accessionId, cause, command, signerName);
    }

    /** A command that cannot even be attributed to its accession (wrong key, no value) is rejected as such. */
    public static ReportOutput.Rejected unattributable(String rejectedEventId, String command,
            ReportCommandRejection rejection, String detail, Instant occurredAt) {
        return new ReportOutput.Rejected(rejectedEventId, command, rejection, detail,
                EventIds.derived(rejectedEventId, "rejected"), rejectedEventId, occurredAt);
    }

    /**
     * A command with fields outside their limits (docs/field-limits.md): refused before anything of it is
     * read, naming every offending field and never quoting one.
     */
    public static ReportOutput.Rejected outOfLimits(String rejectedEventId, String command,
            List<FieldViolation> violations, Instant occurredAt) {
        String detail = violations.stream().limit(10).map(FieldViolation::detail).collect(Collectors.joining("; "));
        return new ReportOutput.Rejected(rejectedEventId, command, ReportCommandRejection.MALFORMED_VALUE, detail,
                EventIds.derived(rejectedEventId, "rejected"), rejectedEventId, occurredAt, violations.get(0).field());
    }
}
