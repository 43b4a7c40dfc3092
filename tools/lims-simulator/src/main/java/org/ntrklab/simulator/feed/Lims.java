package org.ntrklab.simulator.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenRejected;
import org.ntrklab.platform.topics.Topics;
import org.ntrklab.simulator.lab.CaseGenerator;
import org.ntrklab.simulator.lab.SimulatedCase;

/**
 * The hospital LIMS: sends each case's receipt at its lab time (sometimes twice, as interface retries do),
 * withdraws the orders the case says are withdrawn, and hears back from accessioning.
 */
final class Lims {

    /** The LIMS reports a receipt a few minutes after the specimen is booked in. */
    private static final Duration REPORTING_DELAY = Duration.ofMinutes(20);
    /** A LIMS interface retry re-sends the same message a little later. */
    private static final Duration RETRY_DELAY = Duration.ofMinutes(5);
    /** A withdrawn order reaches the lab an hour after accession. */
    private static final Duration CANCELLATION_DELAY = Duration.ofHours(1);

    private final SimulationSettings settings;
    private final Topics topics;
    private final LabClock clock;
    private final CaseGenerator generator;
    private final CaseBook book;
    private final Outbox outbox;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicLong firstSentNanos = new AtomicLong();
    private volatile boolean running = true;

    Lims(SimulationSettings settings, LabClock clock, CaseGenerator generator, CaseBook book, Outbox outbox) {
        this.settings = settings;
        this.topics = settings.topics();
        this.clock = clock;
        this.generator = generator;
        this.book = book;
        this.outbox = outbox;
    }

    /** Sends every receipt at its time; runs on its own thread until done or stopped. */
    void sendReceipts() {
        for (int n = 0; n < settings.cases() && running; n++) {
            Instant receivedAt = clock.receiptOf(n);
            Instant reportedAt = receivedAt.plus(REPORTING_DELAY);
            long wait = settings.pace().immediate() ? clock.loadDelayNanos(n) : clock.wallDelayNanos(reportedAt);
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            SimulatedCase c = generator.generate(n, receivedAt);
            CaseProgress progress = new CaseProgress(c);
            book.add(progress);
            long now = System.nanoTime();
            firstSentNanos.compareAndSet(0, now);
            // Under load, latency counts from when the receipt was due, so a LIMS that falls behind the
            // target rate shows up in the figures instead of hiding in them.
            progress.receiptSent(settings.pace().immediate() ? Math.min(now, clock.loadDueNanos(n)) : now);
            String eventId = LabMessages.newId();
            outbox.send(topics.limsSpecimenEvents(), c.specimenId(),
                    LabMessages.received(c.specimenId(), eventId, c.receipt(), reportedAt));
            if (c.resentByLims()) {
                Instant again = reportedAt.plus(RETRY_DELAY);
                outbox.sendAt(again, topics.limsSpecimenEvents(), c.specimenId(),
                        LabMessages.received(c.specimenId(), eventId, c.receipt(), reportedAt));
            }
            sent.incrementAndGet();
        }
    }

    /**
     * What accessioning made of a receipt. Returns the case when it was newly accessioned and goes on to
     * the bench, null otherwise.
     */
    CaseProgress heard(AccessionEvent e) {
        Object payload = e.getPayload();
        if (payload instanceof SpecimenAccessioned a) {
            CaseProgress progress = book.bySpecimen(a.getSpecimenId());
            if (progress == null || !progress.accessioned(e.getAccessionId())) {
                return null;
            }
            book.accessioned(e.getAccessionId(), progress);
            SimulatedCase c = progress.simulated();
            if (c.cancelledAfterAccession()) {
                Instant at = e.getOccurredAt().plus(CANCELLATION_DELAY);
                outbox.sendAt(at, topics.limsSpecimenEvents(), c.specimenId(),
                        LabMessages.cancelled(c.specimenId(), c.receipt().getOrderId(), at));
                return null;
            }
            return progress;
        }
        if (payload instanceof SpecimenRejected rejected) {
            CaseProgress progress = book.bySpecimen(rejected.getSpecimenId());
            // A refused re-send of an accessioned specimen does not undo its accession.
            if (progress != null && e.getAccessionId() == null) {
                progress.rejected();
            }
        } else if (payload instanceof AccessionCancelled cancelled) {
            CaseProgress progress = book.bySpecimen(cancelled.getSpecimenId());
            if (progress != null) {
                progress.cancelled();
            }
        }
        return null;
    }

    int sent() {
        return sent.get();
    }

    long firstSentNanos() {
        return firstSentNanos.get();
    }

    void stop() {
        running = false;
    }
}
