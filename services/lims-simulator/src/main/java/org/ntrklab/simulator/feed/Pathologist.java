package org.ntrklab.simulator.feed;

import java.time.Instant;
import org.ntrklab.events.ReportCommandRejected;
import org.ntrklab.events.ReportDrafted;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.simulator.lab.Bench;
import org.ntrklab.simulator.lab.LabCalendar;
import org.ntrklab.simulator.lab.SimulatedCase;

/**
 * The signing pathologist: reads each draft, signs it out after a while through reporting's REST API with
 * the pathologist's own access token, and sees the FINAL report issued. Each draft version is signed once;
 * a newer draft (testing resumed) is signed in its turn.
 */
final class Pathologist {

    private final Bench bench;
    private final CaseBook book;
    private final Outbox outbox;
    private final RunCounters counters;
    private final SignOutDesk desk;

    Pathologist(Bench bench, CaseBook book, Outbox outbox, RunCounters counters, PathologistSignIn signIn) {
        this.bench = bench;
        this.book = book;
        this.outbox = outbox;
        this.counters = counters;
        this.desk = signIn == null ? null : new SignOutDesk(signIn);
    }

    private static final java.time.Duration GIVE_UP_AFTER = java.time.Duration.ofMinutes(10);

    private void signOut(String accessionId, int version, Instant at, long giveUpAt) {
        if (desk == null) {
            counters.sendFailed("sign-out of " + accessionId + ": no pathologist sign-in configured");
            return;
        }
        if (desk.signOut(accessionId, version, at, counters) == SignOutDesk.Outcome.RETRY) {
            if (System.nanoTime() > giveUpAt) {
                counters.sendFailed("sign-out of " + accessionId + " v" + version + ": reporting or the identity"
                        + " provider unreachable");
            } else {
                outbox.retryLater(() -> signOut(accessionId, version, at, giveUpAt));
            }
        }
    }

    void onReport(String accessionId, ReportEvent e) {
        CaseProgress progress = book.byAccession(accessionId);
        if (progress == null) {
            return;
        }
        Object payload = e.getPayload();
        if (payload instanceof ReportDrafted d) {
            if (progress.drafted(d.getVersion())) {
                SimulatedCase c = progress.simulated();
                Instant at = LabCalendar.plusWorkingTime(e.getOccurredAt(), bench.signOutAfter(c, d.getVersion()));
                long giveUpAt = System.nanoTime() + GIVE_UP_AFTER.toNanos() + outbox.wallDelayNanos(at);
                outbox.runAt(at, () -> signOut(accessionId, d.getVersion(), at, giveUpAt));
            }
        } else if (payload instanceof ReportIssued issued) {
            if (issued.getStatus() == ReportStatus.FINAL) {
                progress.reportedFinal(issued.getContent().getOverallCall(), issued.getContent().getFusions(),
                        System.nanoTime());
            } else {
                counters.revision();
            }
        } else if (payload instanceof ReportCommandRejected rejected) {
            counters.commandRejected(rejected.getRejection() + ": " + rejected.getDetail());
        }
    }
}
