package org.ntrklab.simulator.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * a newer draft (testing resumed) is signed in its turn. The first cases to be drafted, as many as the run
 * asks, it leaves unsigned for a person to sign out at the sign-out desk.
 */
final class Pathologist {

    private final Bench bench;
    private final CaseBook book;
    private final Outbox outbox;
    private final RunCounters counters;
    private final SignOutDesk desk;
    private final int toLeave;
    /** Accession ids of the cases left for a person, in the order their drafts arrived. */
    private final List<String> leftForTheDesk = new ArrayList<>();

    Pathologist(Bench bench, CaseBook book, Outbox outbox, RunCounters counters, PathologistSignIn signIn,
            int leaveForTheDesk) {
        this.bench = bench;
        this.book = book;
        this.outbox = outbox;
        this.counters = counters;
        this.desk = signIn == null ? null : new SignOutDesk(signIn);
        this.toLeave = leaveForTheDesk;
    }

    /** The cases whose drafts were left unsigned for a person, in the order their drafts arrived. */
    synchronized List<String> leftForTheDesk() {
        return List.copyOf(leftForTheDesk);
    }

    /**
     * Leaves the case to a person when fewer than asked are left so far. Only a first draft qualifies: a
     * case whose first draft the pathologist has already taken up is not handed over half-way.
     */
    private synchronized boolean leaveForTheDesk(String accessionId, CaseProgress progress, int version) {
        if (version != 1 || leftForTheDesk.size() >= toLeave || !progress.leftForTheDesk()) {
            return false;
        }
        leftForTheDesk.add(accessionId);
        return true;
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
            if (progress.drafted(d.getVersion()) && !leaveForTheDesk(accessionId, progress, d.getVersion())) {
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
