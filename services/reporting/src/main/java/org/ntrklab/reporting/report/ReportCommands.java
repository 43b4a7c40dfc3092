package org.ntrklab.reporting.report;

import java.util.List;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.CorrectionKind;
import org.ntrklab.events.ReportCommandRejection;
import org.ntrklab.events.ReportSignOutRequested;
import org.ntrklab.events.ResultCorrectionRequested;
import org.ntrklab.platform.cases.Decision;
import org.ntrklab.platform.results.ResultNormaliser;
import org.ntrklab.reporting.report.ReportDesk.Cause;

/**
 * The pathologists' commands on a case: sign-out of the draft awaiting it, and correction of a result. Each
 * command is answered exactly once, by the version it issues or by a rejection that says why; a command is
 * remembered on its case so that a redelivery is not answered again.
 */
final class ReportCommands {

    static final String SIGN_OUT = "ReportSignOutRequested";
    static final String CORRECTION = "ResultCorrectionRequested";

    private final ReportDrafting drafting;

    ReportCommands(ReportDrafting drafting) {
        this.drafting = drafting;
    }

    /** @param signerName the signing pathologist's display name, recorded beside their staff identifier; may be null */
    Decision<ReportCase, ReportOutput> signOut(ReportCase existing, String accessionId, Cause cause,
            ReportSignOutRequested command, String signerName) {
        Decision<ReportCase, ReportOutput> refused = refusal(existing, accessionId, cause, SIGN_OUT);
        if (refused != null) {
            return refused;
        }
        ReportCase c = existing.withCommand(cause.eventId());
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
        return ReportDrafting.issue(c, draft, command.getPathologistRef(), signerName, cause, "signed_out");
    }

    /** @param signerName the correcting pathologist's display name, recorded on the version it issues; may be null */
    Decision<ReportCase, ReportOutput> correct(ReportCase existing, String accessionId, Cause cause,
            ResultCorrectionRequested command, String signerName) {
        Decision<ReportCase, ReportOutput> refused = refusal(existing, accessionId, cause, CORRECTION);
        if (refused != null) {
            return refused;
        }
        ReportCase c = existing.withCommand(cause.eventId());
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
            return drafting.review(c, cause, "corrected_before_sign_out");
        }
        VersionKind kind = command.getKind() == CorrectionKind.CORRECTION ? VersionKind.CORRECTED : VersionKind.AMENDED;
        return drafting.revise(c, cause, kind, command.getReason(), command.getExplanation(),
                command.getPathologistRef(), signerName, "revised");
    }

    /**
     * The answer to a command that is not acted on: a redelivery of one already answered, or one for a case
     * that cannot take it. Null when the command may act on {@code existing}.
     */
    private static Decision<ReportCase, ReportOutput> refusal(ReportCase existing, String accessionId, Cause cause,
            String command) {
        if (existing != null && existing.handled(cause.eventId())) {
            return Decision.unchanged("duplicate_command");
        }
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
        return Decision.keep(c, List.of(ReportDesk.unattributable(cause.eventId(), command, rejection, detail,
                cause.occurredAt())), "rejected_" + rejection.name().toLowerCase());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
