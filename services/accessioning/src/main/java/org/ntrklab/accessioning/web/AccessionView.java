package org.ntrklab.accessioning.web;

import java.time.Instant;
import java.util.List;
import org.ntrklab.accessioning.ledger.LedgerEntry;

/** The current state of one specimen or accession, as the REST API shows it (no patient identifiers). */
public record AccessionView(String accessionId, String specimenId, String orderId, String status,
        String specimenType, String oncoTreeCode, String priority, String workRequest, Instant receivedAt,
        Instant statusSince, String cancellationReason, List<LedgerEntry.Reason> rejectionReasons) {

    static AccessionView of(LedgerEntry e) {
        return new AccessionView(e.accessionId(), e.specimenId(), e.orderId(), e.status().name(), e.specimenType(),
                e.oncoTreeCode(), e.priority(), e.workRequest(), instant(e.receivedAtMillis()),
                instant(e.statusSinceMillis()), e.cancellationReason(), e.rejections());
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
