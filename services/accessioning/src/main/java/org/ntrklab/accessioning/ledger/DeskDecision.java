package org.ntrklab.accessioning.ledger;

import java.util.List;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.RejectionReason;
import org.ntrklab.events.SpecimenAccessioned;

/** What the accession desk decided about one LIMS event. */
public sealed interface DeskDecision {

    /** The ledger entry to store, or null to leave the ledger unchanged. */
    LedgerEntry entry();

    /** Short outcome name for metrics and logs. */
    String outcome();

    record Accessioned(LedgerEntry entry, SpecimenAccessioned event) implements DeskDecision {
        @Override
        public String outcome() {
            return "accessioned";
        }
    }

    /**
     * The event is refused with every reason. {@code entry} is null when the refusal must not change the
     * ledger (a conflicting resend does not undo an accession).
     */
    record Rejected(LedgerEntry entry, String orderId, List<RejectionReason> reasons) implements DeskDecision {
        @Override
        public String outcome() {
            return "rejected";
        }
    }

    /** The order is cancelled; {@code accessionId} is null when the specimen never got an accession. */
    record Cancelled(LedgerEntry entry, String accessionId, AccessionCancelled event) implements DeskDecision {
        @Override
        public String outcome() {
            return "cancelled";
        }
    }

    /** A repeat of something already decided: no event, same accession. */
    record Duplicate(String why) implements DeskDecision {
        @Override
        public LedgerEntry entry() {
            return null;
        }

        @Override
        public String outcome() {
            return "duplicate";
        }
    }
}
