package org.ntrklab.accessioning.ledger;

/** Where a specimen id stands in the accession ledger. */
public enum LedgerStatus {
    /** Accepted: it has an accession number. */
    ACCESSIONED,
    /** Its last receipt was refused; a corrected receipt for the same specimen id may still be accepted. */
    REJECTED,
    /** Its order was cancelled (before or after receipt); nothing more is accessioned under this specimen id. */
    CANCELLED
}
