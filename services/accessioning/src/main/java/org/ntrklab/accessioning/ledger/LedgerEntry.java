package org.ntrklab.accessioning.ledger;

import java.util.List;

/**
 * What the ledger keeps per specimen id: enough to recognise a repeat, answer a cancellation, and show
 * the accession's current state. Patient identifiers are not kept, only a fingerprint of the receipt.
 *
 * @param receiptFingerprint hash of the last receipt's content, to tell a resend from a changed receipt
 * @param rejections reasons of the last rejection, empty unless REJECTED
 * @param lastChangeWallMillis wall-clock time of the last change, from which the entry's retention counts;
 *     0 when not known yet
 */
public record LedgerEntry(
        String specimenId,
        String orderId,
        LedgerStatus status,
        String accessionId,
        String receiptEventId,
        String receiptFingerprint,
        String cancellationEventId,
        String cancellationReason,
        Long receivedAtMillis,
        Long statusSinceMillis,
        String specimenType,
        String oncoTreeCode,
        String priority,
        String workRequest,
        List<Reason> rejections,
        long lastChangeWallMillis) {

    public LedgerEntry {
        rejections = rejections == null ? List.of() : List.copyOf(rejections);
    }

    /** A rejection reason as kept in the ledger. */
    public record Reason(String code, String ruleId, String field, String detail) {
    }


    LedgerEntry cancelled(String cancelledOrderId, String eventId, String reason, long sinceMillis) {
        String order = orderId == null || orderId.isBlank() ? cancelledOrderId : orderId;
        return new LedgerEntry(specimenId, order, LedgerStatus.CANCELLED, accessionId, receiptEventId,
                receiptFingerprint, eventId, reason, receivedAtMillis, sinceMillis, specimenType, oncoTreeCode, priority,
                workRequest, rejections, lastChangeWallMillis);
    }

    /** The entry as changed at {@code wallMillis}. */
    public LedgerEntry changedAt(long wallMillis) {
        return new LedgerEntry(specimenId, orderId, status, accessionId, receiptEventId, receiptFingerprint,
                cancellationEventId, cancellationReason, receivedAtMillis, statusSinceMillis, specimenType,
                oncoTreeCode, priority, workRequest, rejections, wallMillis);
    }
}
