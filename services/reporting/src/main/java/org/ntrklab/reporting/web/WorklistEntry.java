package org.ntrklab.reporting.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.ntrklab.reporting.report.ReportCase;

/**
 * One draft awaiting a pathologist's sign-out, as the worklist shows it: enough to choose what to open next,
 * nothing that identifies the patient.
 *
 * @param draftVersion the version a sign-out names
 * @param draftedAt when the draft was written (event time)
 * @param overallCall the draft's overall call
 */
public record WorklistEntry(String accessionId, int draftVersion, Instant draftedAt, String overallCall,
        String tumourCode, String tumourText) {

    /** The longest-waiting first: the order in which drafts should be signed. */
    static final Comparator<WorklistEntry> OLDEST_FIRST = Comparator.comparing(WorklistEntry::draftedAt)
            .thenComparing(WorklistEntry::accessionId);

    /** The case's entry, if it has a draft awaiting sign-out. */
    static Optional<WorklistEntry> of(ReportCase c) {
        return ReportView.of(c).flatMap(view -> view.awaitingSignOut().map(draft -> new WorklistEntry(
                view.accessionId(), draft.version(), draft.draftedAt(),
                draft.body().overallCall() == null ? null : draft.body().overallCall().name(),
                draft.body().tumourCode(), draft.body().tumourText())));
    }
}
