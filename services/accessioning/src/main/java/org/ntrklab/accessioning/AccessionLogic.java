package org.ntrklab.accessioning;

import java.time.Duration;
import java.util.List;
import org.ntrklab.accessioning.ledger.AccessionDesk;
import org.ntrklab.accessioning.ledger.DeskDecision;
import org.ntrklab.accessioning.ledger.LedgerEntry;
import org.ntrklab.accessioning.ledger.SpecimenInput;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.platform.cases.CaseContext;
import org.ntrklab.platform.cases.CaseLogic;
import org.ntrklab.platform.cases.Decision;

/**
 * The accession desk's decision on one LIMS event, as the ledger entry to keep and the one event to write
 * (none for a repeat). Accession numbers are drawn from the partition's sequence only when one is assigned.
 * An entry is kept for the retention period after its last change, long enough to recognise any resend.
 */
final class AccessionLogic implements CaseLogic<SpecimenInput, LedgerEntry, AccessionEvent> {

    private final AccessionDesk desk;
    private final Duration idleRetention;

    /**
     * @param idleRetention how long a specimen's entry is kept after its last change: a receipt after that
     *     is judged as new
     */
    AccessionLogic(AccessionDesk desk, Duration idleRetention) {
        this.desk = desk;
        this.idleRetention = idleRetention;
    }

    @Override
    public Decision<LedgerEntry, AccessionEvent> decide(String specimenId, LedgerEntry current, SpecimenInput input,
            CaseContext context) {
        DeskDecision decision = input instanceof SpecimenInput.Received r
                ? desk.receive(current, specimenId, r.eventId(), r.occurredAt(), r.receipt(), context.partition(),
                        context::nextSequence)
                : desk.cancel(current, specimenId, input.eventId(), input.occurredAt(),
                        ((SpecimenInput.Cancelled) input).cancellation());
        AccessionEvent event = null;
        if (decision instanceof DeskDecision.Accessioned a) {
            event = AccessionEvents.event(input, "accessioned", a.entry().accessionId(), specimenId, a.event());
        } else if (decision instanceof DeskDecision.Rejected r) {
            event = AccessionEvents.event(input, "rejected", null, specimenId,
                    AccessionEvents.rejection(specimenId, r.orderId(), r.reasons()));
        } else if (decision instanceof DeskDecision.Cancelled c) {
            event = AccessionEvents.event(input, "cancelled", c.accessionId(), specimenId, c.event());
        }
        // A duplicate writes nothing: the first event already stands.
        LedgerEntry entry = decision.entry() == null ? null : decision.entry().changedAt(context.now());
        return Decision.keep(entry, event == null ? List.of() : List.of(event), decision.outcome());
    }

    /** Forgets an entry (and its accession number's index entry) once idle for the retention period. */
    @Override
    public Decision<LedgerEntry, AccessionEvent> housekeep(String specimenId, LedgerEntry entry, CaseContext context) {
        if (entry.lastChangeWallMillis() == 0) {
            // Kept before its changes were timed: its retention counts from now.
            return Decision.keep(entry.changedAt(context.now()), List.of(), "timed");
        }
        if (context.now() - entry.lastChangeWallMillis() >= idleRetention.toMillis()) {
            return Decision.forget(List.of(), "evicted");
        }
        return Decision.unchanged("kept");
    }
}
