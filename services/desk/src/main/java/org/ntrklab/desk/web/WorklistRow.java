package org.ntrklab.desk.web;

import java.util.Comparator;
import org.ntrklab.desk.lab.CaseClock;
import org.ntrklab.desk.lab.WorklistEntry;

/**
 * One line of the worklist: the draft and, when tat-metrics knows it, the case's clock.
 *
 * @param clock null when tat-metrics could not say
 */
public record WorklistRow(WorklistEntry draft, CaseClock clock) {

    /**
     * Most urgent first: overdue cases, then the most working days open, then the longest-waiting draft. A
     * case whose clock is unknown is not taken for on time: it sorts by its draft's age after the counted ones.
     */
    static final Comparator<WorklistRow> MOST_URGENT_FIRST = Comparator
            .comparing((WorklistRow r) -> !r.overdue())
            .thenComparing(r -> r.clock() == null || r.clock().elapsedWorkingDays() == null ? Double.NEGATIVE_INFINITY
                    : r.clock().elapsedWorkingDays(), Comparator.reverseOrder())
            .thenComparing(r -> r.draft().draftedAt(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(r -> r.draft().accessionId());

    public boolean overdue() {
        return clock != null && clock.overdue();
    }

    /** "3.5 of 10" working days, or empty when not known. */
    public String workingDays() {
        if (clock == null || clock.elapsedWorkingDays() == null) {
            return "";
        }
        // The target as set (10, or 7.5): rounded, a case shown at "7.6 of 8" would look on time though overdue.
        return String.format(java.util.Locale.ROOT, "%.1f of %s", clock.elapsedWorkingDays(),
                java.math.BigDecimal.valueOf(clock.targetWorkingDays()).stripTrailingZeros().toPlainString());
    }

    public String tumour() {
        WorklistEntry d = draft;
        if (d.tumourText() == null) {
            return d.tumourCode() == null ? "" : d.tumourCode();
        }
        return d.tumourCode() == null ? d.tumourText() : d.tumourText() + " (" + d.tumourCode() + ")";
    }

    boolean matches(String call, String tumourCode) {
        return (call == null || call.isBlank() || call.equals(draft.overallCall()))
                && (tumourCode == null || tumourCode.isBlank() || tumourCode.equals(draft.tumourCode()));
    }
}
