package org.ntrklab.reporting.web;

import java.util.List;
import java.util.Optional;
import org.ntrklab.reporting.report.OrderRecord;
import org.ntrklab.reporting.report.ReportCase;
import org.ntrklab.reporting.report.ReportVersion;

/**
 * The REST view of an accession's report: where it stands, the latest version, every version in the order
 * written (drafts included; a version is never changed), and the orders with their results.
 *
 * <p>Only pathologists see the pseudonymous patient reference; everyone else gets the view without it.
 *
 * @param status AWAITING_RESULTS, AWAITING_SIGN_OUT, FINAL, AMENDED, CORRECTED or CANCELLED
 * @param waitingFor what the next draft waits for, empty once drafted
 */
public record ReportView(String accessionId, String status, List<String> waitingFor, ReportVersion latest,
        List<ReportVersion> versions, List<OrderRecord> orders) {

    /** Empty for an accession reporting never saw accessioned (e.g. only a stray command named it). */
    static Optional<ReportView> of(ReportCase c) {
        if (c == null || !c.accessioned()) {
            return Optional.empty();
        }
        ReportVersion latest = c.latest();
        String status;
        if (c.cancelled() && c.latestIssued() == null) {
            status = "CANCELLED";
        } else if (latest == null || (c.awaitingSignOut() != null && c.readyForSignOut() == null)) {
            // No report yet, or a draft overtaken by further testing: it waits for the results.
            status = "AWAITING_RESULTS";
        } else if (c.readyForSignOut() != null) {
            status = "AWAITING_SIGN_OUT";
        } else {
            status = latest.kind().name();
        }
        return Optional.of(new ReportView(c.accessionId(), status,
                "AWAITING_RESULTS".equals(status) ? c.waitingFor() : List.of(), latest, c.versions(), c.orders()));
    }

    /** The view for a reader who may not see the patient reference: every version without it. */
    ReportView withoutPatientRef() {
        return new ReportView(accessionId, status, waitingFor, withoutPatientRef(latest),
                versions.stream().map(ReportView::withoutPatientRef).toList(), orders);
    }

    private static ReportVersion withoutPatientRef(ReportVersion v) {
        return v == null ? null : v.withBody(v.body().withoutPatientRef());
    }

    /** The version asked for, or the latest; a drafted version and its issued self share a number: the later wins. */
    Optional<ReportVersion> version(Integer number) {
        if (number == null) {
            return Optional.ofNullable(latest);
        }
        ReportVersion found = null;
        for (ReportVersion v : versions) {
            if (v.version() == number) {
                found = v;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The draft awaiting sign-out, if the latest version is one. */
    Optional<ReportVersion> awaitingSignOut() {
        return "AWAITING_SIGN_OUT".equals(status) ? Optional.of(latest) : Optional.empty();
    }
}
