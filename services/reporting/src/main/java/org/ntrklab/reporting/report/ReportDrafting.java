package org.ntrklab.reporting.report;

import java.util.ArrayList;
import java.util.List;
import org.ntrklab.events.RevisionReason;
import org.ntrklab.platform.cases.Decision;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.reporting.report.ReportDesk.Cause;

/**
 * Drafting and issuing report versions: the one place a {@link ReportVersion} is written, so that a version is
 * never changed once written and its event id is the same on a replay. Both the pipeline's facts and the
 * pathologists' commands of {@link ReportDesk} end here.
 */
final class ReportDrafting {

    private final ReportInterpreter interpreter;
    private final boolean autoSignOut;
    private final String autoSignOutBy;

    /**
     * @param autoSignOut issue every draft at once, signed by {@code autoSignOutBy}: for demonstrations and
     *     tests, never for patient reports
     */
    ReportDrafting(ReportInterpreter interpreter, boolean autoSignOut, String autoSignOutBy) {
        this.interpreter = interpreter;
        this.autoSignOut = autoSignOut;
        this.autoSignOutBy = autoSignOutBy;
    }

    boolean autoSignOut() {
        return autoSignOut;
    }

    /** Drafts a new version when the case is ready and its report would read differently from the latest. */
    Decision<ReportCase, ReportOutput> review(ReportCase c, Cause cause, String outcome) {
        if (!c.readyToReport()) {
            return Decision.keep(c, List.of(), outcome);
        }
        ReportBody body = interpret(c);
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
    static Decision<ReportCase, ReportOutput> issue(ReportCase c, ReportVersion draft, String by, String byName,
            Cause cause, String outcome) {
        VersionKind kind = c.latestIssued() == null ? VersionKind.FINAL : VersionKind.AMENDED;
        ReportVersion issued = new ReportVersion(draft.version(), kind, draft.body(), cause.occurredAt(),
                draft.draftedAt(), by, draft.supersedes(), draft.revisionReason(), draft.revisionExplanation(), byName);
        return Decision.keep(c.withVersion(issued), List.of(new ReportOutput.Issued(issued,
                versionEventId(c, "issue", draft.version()), cause.eventId(), cause.occurredAt())), outcome);
    }

    /** Issues a corrected or amended version at once: the pathologist who corrected the result signs it. */
    Decision<ReportCase, ReportOutput> revise(ReportCase c, Cause cause, VersionKind kind, RevisionReason reason,
            String explanation, String by, String byName, String outcome) {
        ReportBody body = interpret(c);
        int n = c.nextVersion();
        ReportVersion revised = new ReportVersion(n, kind, body, cause.occurredAt(), cause.occurredAt(), by,
                c.latestIssued().version(), reason, explanation, byName);
        return Decision.keep(c.withVersion(revised), List.of(new ReportOutput.Issued(revised,
                versionEventId(c, "issue", n), cause.eventId(), cause.occurredAt())), outcome);
    }

    private ReportBody interpret(ReportCase c) {
        return interpreter.interpret(c.facts(), c.orders(), c.advice(), c.qc(), c.effectivePreTest());
    }

    /**
     * A version's event id derives from the accession and the version, not from the input that completed
     * it: results and reflex's announcement arrive on different topics, so which of them comes last may
     * differ on a replay, while the version written is the same.
     */
    private static String versionEventId(ReportCase c, String what, int version) {
        return EventIds.derived(c.accessionId(), "report/" + what + "/" + version);
    }
}
