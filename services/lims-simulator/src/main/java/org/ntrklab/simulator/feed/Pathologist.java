package org.ntrklab.simulator.feed;

import java.time.Instant;
import org.ntrklab.events.ReportCommandRejected;
import org.ntrklab.events.ReportDrafted;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.simulator.lab.Bench;
import org.ntrklab.simulator.lab.LabCalendar;
import org.ntrklab.simulator.lab.SimulatedCase;

/**
 * The signing pathologist: reads each draft, signs it out after a while, and sees the FINAL report issued.
 * Each draft version is signed once; a newer draft (testing resumed) is signed in its turn.
 */
final class Pathologist {

    private final Topics topics;
    private final Bench bench;
    private final CaseBook book;
    private final Outbox outbox;
    private final RunCounters counters;

    Pathologist(Topics topics, Bench bench, CaseBook book, Outbox outbox, RunCounters counters) {
        this.topics = topics;
        this.bench = bench;
        this.book = book;
        this.outbox = outbox;
        this.counters = counters;
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
                outbox.sendAt(at, topics.reportCommands(), accessionId,
                        LabMessages.signOut(accessionId, d.getVersion(), bench.pathologist(c), at, e.getEventId()));
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
