package org.ntrklab.accessioning.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;
import org.ntrklab.accessioning.intake.IntakeRule;
import org.ntrklab.accessioning.intake.SpecimenIntakeCheck;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.events.RejectionReason;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.events.SpecimenCancelled;
import org.ntrklab.events.SpecimenReceived;

/**
 * The accession desk: decides, from the ledger entry of a specimen id and one LIMS event, whether the
 * specimen is accessioned, rejected, cancelled, or the event is a repeat. Pure: the caller stores the
 * returned entry and writes the returned event.
 *
 * <p>A repeat (same event, or same receipt content) of something already decided writes nothing, with
 * one exception: a receipt for a cancelled order under a new event id is refused with ORDER_CANCELLED,
 * because a LIMS resending it evidently does not know about the cancellation.
 */
public final class AccessionDesk {

    private final SpecimenIntakeCheck check;
    private final AccessionNumbers numbers;

    public AccessionDesk(SpecimenIntakeCheck check, AccessionNumbers numbers) {
        this.check = check;
        this.numbers = numbers;
    }

    /** Every intake rule's reason to reject the receipt, without deciding anything (see {@link SpecimenIntakeCheck}). */
    public List<RejectionReason> intakeReasons(SpecimenReceived received, Instant occurredAt) {
        return check.check(received, occurredAt);
    }

    /**
     * @param current the ledger entry of this specimen id, or null for a new one
     * @param partition the specimen-topic partition, part of a new accession number
     * @param nextSequence the partition's next accession sequence number, taken only when one is assigned
     */
    public DeskDecision receive(LedgerEntry current, String specimenId, String eventId, Instant occurredAt,
            SpecimenReceived received, int partition, LongSupplier nextSequence) {
        String fingerprint = fingerprint(received);
        if (current != null) {
            boolean repeat = eventId.equals(current.receiptEventId()) || fingerprint.equals(current.receiptFingerprint());
            switch (current.status()) {
                case ACCESSIONED -> {
                    if (repeat) {
                        return new DeskDecision.Duplicate("receipt repeated; already accessioned as " + current.accessionId());
                    }
                    return new DeskDecision.Rejected(null, received.getOrderId(), List.of(IntakeRule.DUPLICATE.reject(
                            RejectionCode.CONFLICTING_DUPLICATE, "specimenId", "specimen already accessioned as "
                                    + current.accessionId() + " under order " + current.orderId() + " with different "
                                    + "details; to change them, cancel the order and send the specimen under a new id")));
                }
                case CANCELLED -> {
                    if (eventId.equals(current.receiptEventId())) {
                        return new DeskDecision.Duplicate("receipt repeated after cancellation");
                    }
                    if (current.receiptEventId() == null && !current.orderId().equals(received.getOrderId())) {
                        return new DeskDecision.Rejected(null, received.getOrderId(), List.of(IntakeRule.ORDER_MATCH
                                .reject(RejectionCode.ORDER_MISMATCH, "orderId", "order " + current.orderId()
                                        + " for this specimen was cancelled before receipt, but the receipt names order "
                                        + received.getOrderId() + "; resolve with the sender")));
                    }
                    return new DeskDecision.Rejected(null, received.getOrderId(), List.of(IntakeRule.CANCELLED.reject(
                            RejectionCode.ORDER_CANCELLED, "specimenId", "order " + current.orderId()
                                    + " for this specimen was cancelled (" + current.cancellationReason() + ")")));
                }
                case REJECTED -> {
                    if (eventId.equals(current.receiptEventId())) {
                        return new DeskDecision.Duplicate("rejected receipt redelivered");
                    }
                    // A corrected receipt for a rejected specimen is judged afresh. An unchanged resend is
                    // judged again too (a receipt refused as dated in the future may be fine later), but
                    // refused again silently: the LIMS already has the reasons.
                    if (repeat && !check.check(received, occurredAt).isEmpty()) {
                        return new DeskDecision.Duplicate("rejected receipt repeated unchanged");
                    }
                }
            }
        }
        List<RejectionReason> reasons = check.check(received, occurredAt);
        long occurred = occurredAt.toEpochMilli();
        if (!reasons.isEmpty()) {
            LedgerEntry rejected = entry(specimenId, received, LedgerStatus.REJECTED, null, eventId, fingerprint,
                    occurred, reasons.stream().map(AccessionDesk::kept).toList());
            return new DeskDecision.Rejected(rejected, received.getOrderId(), reasons);
        }
        String accessionId = numbers.format(received.getSpecimen().getReceivedAt(), partition, nextSequence.getAsLong());
        LedgerEntry accessioned = entry(specimenId, received, LedgerStatus.ACCESSIONED, accessionId, eventId, fingerprint,
                occurred, List.of());
        return new DeskDecision.Accessioned(accessioned, accessioned(specimenId, received));
    }

    public DeskDecision cancel(LedgerEntry current, String specimenId, String eventId, Instant occurredAt,
            SpecimenCancelled cancelled) {
        String orderId = cancelled.getOrderId();
        long occurred = occurredAt.toEpochMilli();
        String reason = cancelled.getReason().name();
        if (orderId == null || orderId.isBlank()) {
            return new DeskDecision.Rejected(null, null, List.of(IntakeRule.REQUIRED_FIELDS.reject(
                    RejectionCode.MISSING_FIELD, "orderId", "a cancellation must name the order it cancels")));
        }
        if (current == null) {
            // Cancelled before the specimen arrived: remember it, so the receipt is refused when it comes.
            LedgerEntry entry = new LedgerEntry(specimenId, orderId, LedgerStatus.CANCELLED, null, null, null, eventId,
                    reason, null, occurred, null, null, null, null, List.of(), 0);
            return new DeskDecision.Cancelled(entry, null, cancellation(specimenId, cancelled));
        }
        boolean orderKnown = current.orderId() != null && !current.orderId().isBlank();
        if (orderKnown && !current.orderId().equals(orderId)) {
            return new DeskDecision.Rejected(null, orderId, List.of(IntakeRule.ORDER_MATCH.reject(
                    RejectionCode.ORDER_MISMATCH, "orderId", "cancellation names order " + orderId
                            + " but the specimen belongs to order " + current.orderId())));
        }
        if (current.status() == LedgerStatus.CANCELLED) {
            return new DeskDecision.Duplicate("order already cancelled");
        }
        return new DeskDecision.Cancelled(current.cancelled(orderId, eventId, reason, occurred), current.accessionId(),
                cancellation(specimenId, cancelled));
    }

    private static LedgerEntry entry(String specimenId, SpecimenReceived r, LedgerStatus status, String accessionId,
            String eventId, String fingerprint, long since, List<LedgerEntry.Reason> rejections) {
        var specimen = r.getSpecimen();
        String code = r.getTumourType() == null ? null : r.getTumourType().getOncoTreeCode();
        var request = r.getWorkRequest();
        String work = request.getAssays().isEmpty() ? request.getType().name()
                : request.getType().name() + " " + request.getAssays();
        return new LedgerEntry(specimenId, r.getOrderId(), status, accessionId, eventId, fingerprint, null, null,
                specimen.getReceivedAt().toEpochMilli(), since, specimen.getSpecimenType().name(), code,
                r.getPriority().name(), work, rejections, 0);
    }

    private static LedgerEntry.Reason kept(RejectionReason r) {
        return new LedgerEntry.Reason(r.getCode().name(), r.getRuleId(), r.getField(), r.getDetail());
    }

    private static SpecimenAccessioned accessioned(String specimenId, SpecimenReceived r) {
        return SpecimenAccessioned.newBuilder()
                .setSpecimenId(specimenId)
                .setOrderId(r.getOrderId())
                .setPatientRef(r.getPatientRef())
                .setAgeYears(r.getAgeYears())
                .setOrderingFacility(r.getOrderingFacility())
                .setTumourType(r.getTumourType())
                .setSpecimen(r.getSpecimen())
                .setWorkRequest(r.getWorkRequest())
                .setPriority(r.getPriority())
                .setClinicalSuspicion(r.getClinicalSuspicion())
                .setPriorOutsideResults(r.getPriorOutsideResults())
                .build();
    }

    private static AccessionCancelled cancellation(String specimenId, SpecimenCancelled c) {
        return AccessionCancelled.newBuilder().setSpecimenId(specimenId).setOrderId(c.getOrderId())
                .setReason(c.getReason()).build();
    }

    /**
     * Hash of the receipt's content: equal for a resend, different for any changed field. The fields are
     * listed explicitly rather than taken from the record's text form, so that a later schema version that
     * adds a field does not turn every resend of an older receipt into a conflicting duplicate.
     */
    static String fingerprint(SpecimenReceived r) {
        var specimen = r.getSpecimen();
        StringBuilder s = new StringBuilder();
        field(s, r.getOrderId());
        field(s, r.getPatientRef());
        field(s, r.getAgeYears());
        field(s, r.getOrderingFacility());
        field(s, r.getTumourType() == null ? null : r.getTumourType().getOncoTreeCode());
        field(s, r.getTumourType() == null ? null : r.getTumourType().getText());
        field(s, specimen.getSpecimenType());
        field(s, specimen.getCollectedAt());
        field(s, specimen.getReceivedAt());
        field(s, specimen.getFixative());
        field(s, specimen.getFixationHours());
        field(s, specimen.getDecalcification());
        field(s, specimen.getBloodTubeType());
        field(s, r.getWorkRequest().getType());
        field(s, r.getWorkRequest().getAssays());
        field(s, r.getPriority());
        field(s, r.getClinicalSuspicion());
        r.getPriorOutsideResults().forEach(p -> {
            field(s, p.getAssay());
            field(s, p.getCall());
            field(s, p.getFusion());
            field(s, p.getReportedOn());
        });
        field(s, r.getLabellingFlags());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void field(StringBuilder s, Object value) {
        String text = String.valueOf(value);
        // Length-prefixed, so that no two different field lists give the same text.
        s.append(text.length()).append(':').append(text).append('|');
    }
}
