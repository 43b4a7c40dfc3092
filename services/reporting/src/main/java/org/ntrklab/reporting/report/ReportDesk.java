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
import org.ntrklab.events.CorrectionKind;
import org.ntrklab.events.ReflexRecommended;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.ReflexSettled;
import org.ntrklab.events.ReportCommandRejection;
import org.ntrklab.events.ReportSignOutRequested;
import org.ntrklab.events.ResultCorrectionRequested;
import org.ntrklab.events.RevisionReason;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.platform.cases.CaseContext;
import org.ntrklab.platform.cases.CaseLogic;
import org.ntrklab.platform.cases.Decision;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.limits.FieldViolation;
import org.ntrklab.platform.results.ResultNormaliser;

/**
 * Report versions for one accession at a time. Keeps the orders, results and reflex's advice; drafts a
 * report when every order has an outcome and reflex has announced the case settled with those outcomes;
 * issues it FINAL at sign-out (or at once with auto-sign-out); issues AMENDED or CORRECTED versions when a
 * result changes after that. A version is never changed once written. Pure: no Kafka, no clock; event
 * ids derive from the causing event, so a replay gives the same reports.
 */
public final class ReportDesk implements CaseLogic<ReportInput, ReportCase, ReportOutput> {

    /** The event that caused a decision: its id and event time. */
    public record Cause(String eventId, Instant occurredAt) {
    }

    static final String SIGN_OUT = "ReportSignOutRequested";
    static final String CORRECTION = "ResultCorrectionRequested";

    private final ReportInterpreter interpreter;
    private final boolean autoSignOut;
    private final String autoSignOutBy;
    private final Duration idleRetention;

    /**
     * @param autoSignOut issue every draft at once, signed by {@code autoSignOutBy}: for demonstrations and
     *     tests, never for patient reports
     */
    /**
     * @param idleRetention how long a settled case (cancelled, or issued with no draft open) is kept after
     *     its last change; its reports stay on ntrk.reports
     */
    public ReportDesk(ReportInterpreter interpreter, boolean autoSignOut, String autoSignOutBy, Duration idleRetention) {
        this.interpreter = interpreter;
        this.autoSignOut = autoSignOut;
        this.autoSignOutBy = autoSignOutBy;
        this.idleRetention = idleRetention;
    }

    public boolean autoSignOut() {
        return autoSignOut;
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

    // ---- commands ---------------------------------------------------------------------------

    public Decision<ReportCase, ReportOutput> signOut(ReportCase existing, String accessionId, Cause cause,
            ReportSignOutRequested command) {
        return signOut(existing, accessionId, cause, command, null);
    }

    /** @param signerName the signing pathologist's display name, recorded beside their staff identifier; may be null */
    public Decision<ReportCase, ReportOutput> signOut(ReportCase existing, String accessionId, Cause cause,
            ReportSignOutRequested command, String signerName) {
        String id = cause.eventId();
        if (existing != null && existing.handled(id)) {
            return Decision.unchanged("duplicate_command");
        }
        Decision<ReportCase, ReportOutput> refused = refuseForCase(existing, accessionId, cause, SIGN_OUT);
        if (refused != null) {
            return refused;
        }
        ReportCase c = existing.withCommand(id);
        if (blank(command.getPathologistRef())) {
            return reject(c, cause, SIGN_OUT, ReportCommandRejection.MISSING_FIELD, "pathologistRef is blank");
        }
        ReportVersion draft = c.awaitingSignOut();
        if (draft == null) {
            ReportVersion issued = c.latestIssued();
            return reject(c, cause, SIGN_OUT, ReportCommandRejection.NOTHING_TO_SIGN_OUT, issued != null
                    ? "version " + issued.version() + " is already " + issued.kind() + " and no newer draft awaits"
                    : "no report has been drafted yet; waiting for " + String.join(", ", c.waitingFor()));
        }
        if (!c.readyToReport()) {
            // A reflex order placed after the draft: its result will change the report, which is redrafted then.
            return reject(c, cause, SIGN_OUT, ReportCommandRejection.NOTHING_TO_SIGN_OUT, "draft version "
                    + draft.version() + " is out of date: testing continues; waiting for "
                    + String.join(", ", c.waitingFor()));
        }
        if (command.getReportVersion() != draft.version()) {
            return reject(c, cause, SIGN_OUT, ReportCommandRejection.VERSION_NOT_CURRENT, "version "
                    + command.getReportVersion() + " is not the draft awaiting sign-out; version " + draft.version()
                    + " is");
        }
        return issue(c, draft, command.getPathologistRef(), signerName, cause, "signed_out");
    }

    public Decision<ReportCase, ReportOutput> correct(ReportCase existing, String accessionId, Cause cause,
            ResultCorrectionRequested command) {
        return correct(existing, accessionId, cause, command, null);
    }

    /** @param signerName the correcting pathologist's display name, recorded on the version it issues; may be null */
    public Decision<ReportCase, ReportOutput> correct(ReportCase existing, String accessionId, Cause cause,
            ResultCorrectionRequested command, String signerName) {
        String id = cause.eventId();
        if (existing != null && existing.handled(id)) {
            return Decision.unchanged("duplicate_command");
        }
        Decision<ReportCase, ReportOutput> refused = refuseForCase(existing, accessionId, cause, CORRECTION);
        if (refused != null) {
            return refused;
        }
        ReportCase c = existing.withCommand(id);
        if (blank(command.getPathologistRef()) || blank(command.getOrderId())) {
            return reject(c, cause, CORRECTION, ReportCommandRejection.MISSING_FIELD,
                    blank(command.getOrderId()) ? "orderId is blank" : "pathologistRef is blank");
        }
        OrderRecord order = c.order(command.getOrderId());
        if (order == null) {
            return reject(c, cause, CORRECTION, ReportCommandRejection.UNKNOWN_ORDER, "accession " + accessionId
                    + " has no order " + command.getOrderId());
        }
        if (order.assay() != command.getAssay()) {
            return reject(c, cause, CORRECTION, ReportCommandRejection.ASSAY_MISMATCH, "order " + order.orderId()
                    + " is " + order.assay() + ", the correction names " + command.getAssay());
        }
        if (order.state() != AssayState.RESULTED) {
            return reject(c, cause, CORRECTION, ReportCommandRejection.NOT_RESULTED, "order " + order.orderId()
                    + " is " + order.state() + " and has no result to correct");
        }
        ResultNormaliser.Normalised normalised = ResultNormaliser.normalise(order.assay(), command.getCorrectedResult());
        if (normalised.refused()) {
            return reject(c, cause, CORRECTION, ReportCommandRejection.MALFORMED_RESULT, normalised.detail());
        }
        Finding finding = Finding.of(command.getCorrectedResult());
        if (normalised.interpretation() == order.interpretation() && finding.equals(order.finding())) {
            return reject(c, cause, CORRECTION, ReportCommandRejection.RESULT_UNCHANGED, "the corrected result of "
                    + order.orderId() + " is the same as the result it would replace");
        }
        c = c.withOrder(order.corrected(normalised.interpretation(), finding, new OrderRecord.Correction(
                command.getReason(), command.getExplanation(), command.getPathologistRef())));
        if (c.latestIssued() == null) {
            // Not yet signed out: the draft is simply redrafted with the corrected result.
            return review(c, cause, "corrected_before_sign_out");
        }
        VersionKind kind = command.getKind() == CorrectionKind.CORRECTION ? VersionKind.CORRECTED : VersionKind.AMENDED;
        return revise(c, cause, kind, command.getReason(), command.getExplanation(), command.getPathologistRef(),
                signerName, "revised");
    }

    // ---- drafting and issuing ---------------------------------------------------------------

    /** Drafts a new version when the case is ready and its report would read differently from the latest. */
    private Decision<ReportCase, ReportOutput> review(ReportCase c, Cause cause, String outcome) {
        if (!c.readyToReport()) {
            return Decision.keep(c, List.of(), outcome);
        }
        ReportBody body = interpreter.interpret(c.facts(), c.orders(), c.advice(), c.qc(), c.effectivePreTest());
        ReportVersion latest = c.latest();
        if (latest != null && latest.body().equals(body)) {
            return Decision.keep(c, List.of(), outcome);
        }
        ReportVersion issued = c.latestIssued();
        int n = c.nextVersion();
        ReportVersion draft = issued == null
                ? new ReportVersion(n, VersionKind.DRAFT, body, cause.occurredAt(), cause.occurredAt(), null, null,
                        null, null, null)
                : new ReportVersion(n, VersionKind.DRAFT, body, cause.occurredAt(), cause.occurredAt(), null,
                        issued.version(), RevisionReason.ADDITIONAL_INFORMATION,
                        "results received after version " + issued.version() + " was issued", null);
        c = c.withVersion(draft);
        ReportOutput drafted = new ReportOutput.Drafted(draft, versionEventId(c, "draft", n), cause.eventId(),
                cause.occurredAt());
        if (!autoSignOut) {
            return Decision.keep(c, List.of(drafted), "drafted");
        }
        Decision<ReportCase, ReportOutput> signed = issue(c, draft, autoSignOutBy, null, cause,
                "drafted_and_signed_out");
        List<ReportOutput> both = new ArrayList<>();
        both.add(drafted);
        both.addAll(signed.outputs());
        return Decision.keep(signed.state(), both, signed.outcome());
    }

    /** Issues a draft: FINAL the first time, AMENDED (further results) after that. */
    private static Decision<ReportCase, ReportOutput> issue(ReportCase c, ReportVersion draft, String by, String byName,
            Cause cause, String outcome) {
        VersionKind kind = c.latestIssued() == null ? VersionKind.FINAL : VersionKind.AMENDED;
        ReportVersion issued = new ReportVersion(draft.version(), kind, draft.body(), cause.occurredAt(),
                draft.draftedAt(), by, draft.supersedes(), draft.revisionReason(), draft.revisionExplanation(), byName);
        return Decision.keep(c.withVersion(issued), List.of(new ReportOutput.Issued(issued,
                versionEventId(c, "issue", draft.version()), cause.eventId(), cause.occurredAt())), outcome);
    }

    /** Issues a corrected or amended version at once: the pathologist who corrected the result signs it. */
    private Decision<ReportCase, ReportOutput> revise(ReportCase c, Cause cause, VersionKind kind,
            RevisionReason reason, String explanation, String by, String byName, String outcome) {
        ReportBody body = interpreter.interpret(c.facts(), c.orders(), c.advice(), c.qc(), c.effectivePreTest());
        int n = c.nextVersion();
        ReportVersion revised = new ReportVersion(n, kind, body, cause.occurredAt(), cause.occurredAt(), by,
                c.latestIssued().version(), reason, explanation, byName);
        return Decision.keep(c.withVersion(revised), List.of(new ReportOutput.Issued(revised,
                versionEventId(c, "issue", n), cause.eventId(), cause.occurredAt())), outcome);
    }

    /**
     * A version's event id derives from the accession and the version, not from the input that completed
     * it: results and reflex's announcement arrive on different topics, so which of them comes last may
     * differ on a replay, while the version written is the same.
     */
    private static String versionEventId(ReportCase c, String what, int version) {
        return EventIds.derived(c.accessionId(), "report/" + what + "/" + version);
    }

    private static Decision<ReportCase, ReportOutput> refuseForCase(ReportCase existing, String accessionId,
            Cause cause, String command) {
        if (existing == null) {
            // No case is opened for a command alone: an accession number that never arrives would be kept for
            // ever. Exactly-once processing still answers the command once.
            Decision<ReportCase, ReportOutput> rejected = reject(ReportCase.open(accessionId), cause, command,
                    ReportCommandRejection.UNKNOWN_ACCESSION, "reporting has no accession " + accessionId);
            return Decision.keep(null, rejected.outputs(), rejected.outcome());
        }
        if (!existing.accessioned()) {
            // Orders or results came first; the command is remembered with them against a redelivery.
            return reject(existing.withCommand(cause.eventId()), cause, command,
                    ReportCommandRejection.UNKNOWN_ACCESSION, "reporting has no accession " + accessionId);
        }
        // An issued report may still need correcting after a cancellation; nothing else is done for it.
        if (existing.cancelled() && !(CORRECTION.equals(command) && existing.latestIssued() != null)) {
            return reject(existing.withCommand(cause.eventId()), cause, command,
                    ReportCommandRejection.ACCESSION_CANCELLED, "accession " + accessionId + " was cancelled");
        }
        return null;
    }

    private static Decision<ReportCase, ReportOutput> reject(ReportCase c, Cause cause, String command,
            ReportCommandRejection rejection, String detail) {
        return Decision.keep(c, List.of(unattributable(cause.eventId(), command, rejection, detail,
                cause.occurredAt())), "rejected_" + rejection.name().toLowerCase());
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

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
