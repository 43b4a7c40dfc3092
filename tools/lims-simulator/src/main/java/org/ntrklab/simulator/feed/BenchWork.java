package org.ntrklab.simulator.feed;

import java.time.Instant;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.simulator.lab.Bench;
import org.ntrklab.simulator.lab.LabCalendar;
import org.ntrklab.simulator.lab.Measurement;
import org.ntrklab.simulator.lab.RunOutcome;
import org.ntrklab.simulator.lab.SimulatedCase;

/**
 * The bench and the instruments at work: each accessioned specimen is measured, and each order the services
 * release to the bench (READY) is run, started and then completed or failed, in lab time.
 */
final class BenchWork {

    private final Topics topics;
    private final Bench bench;
    private final CaseBook book;
    private final Outbox outbox;

    BenchWork(Topics topics, Bench bench, CaseBook book, Outbox outbox) {
        this.topics = topics;
        this.bench = bench;
        this.book = book;
        this.outbox = outbox;
    }

    /** Tumour content and extractions, each at its time after the accession. */
    void measure(CaseProgress progress, AccessionEvent accessioned) {
        String accessionId = accessioned.getAccessionId();
        for (Measurement m : bench.measurements(progress.simulated())) {
            Instant at = LabCalendar.plusWorkingTime(accessioned.getOccurredAt(), m.after());
            outbox.sendAt(at, topics.qcMeasurements(), accessionId,
                    LabMessages.measured(accessionId, m.payload(), at, accessioned.getEventId()));
        }
    }

    /** Notes what an order asks of the bench beyond its assay: the FISH probes to use. */
    void onOrder(String accessionId, AssayOrderEvent e) {
        if (e.getPayload() instanceof AssayOrdered o && o.getAssay() == AssayType.NTRK_FISH) {
            CaseProgress progress = book.byAccession(accessionId);
            if (progress != null) {
                progress.probesOrdered(o.getOrderId(), o.getTargetGenes());
            }
        }
    }

    /** Runs an order once the services release it; each order is run once, a retest is a new order. */
    void onStatus(String accessionId, AssayStatusEvent e) {
        if (!(e.getPayload() instanceof AssayStatusChanged s) || s.getToState() != AssayState.READY) {
            return;
        }
        CaseProgress progress = book.byAccession(accessionId);
        if (progress == null) {
            return;
        }
        int attempt = progress.nextAttempt(s.getOrderId(), s.getAssay());
        if (attempt == 0) {
            return;
        }
        SimulatedCase c = progress.simulated();
        RunOutcome outcome = bench.run(c, s.getAssay(), attempt, progress.probes(s.getOrderId()));
        progress.ran(outcome);
        String runId = "RUN-" + s.getOrderId();
        Instant startedAt = LabCalendar.plusWorkingTime(e.getOccurredAt(), outcome.startAfter());
        Instant finishedAt = LabCalendar.plusWorkingTime(startedAt, outcome.runTime());
        outbox.sendAt(startedAt, topics.assayRuns(), accessionId,
                LabMessages.started(accessionId, s.getOrderId(), s.getAssay(), runId, startedAt, e.getEventId()));
        outbox.sendAt(finishedAt, topics.assayRuns(), accessionId,
                LabMessages.finished(accessionId, s.getOrderId(), runId, outcome, finishedAt, e.getEventId()));
    }
}
