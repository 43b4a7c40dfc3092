package org.ntrklab.accessioning.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.ntrklab.accessioning.intake.AssaySpecimenCompatibility;
import org.ntrklab.accessioning.intake.SpecimenIntakeCheck;
import org.ntrklab.events.CancellationReason;
import org.ntrklab.events.Priority;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.events.RejectionReason;
import org.ntrklab.events.SpecimenCancelled;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.testkit.LabEvents;

/** The accession desk: one specimen id, one accession, whatever order and however often the LIMS sends. */
class AccessionDeskTest {

    private static final String SPECIMEN_ID = "SP-000042";
    private static final int PARTITION = 3;
    private static final Instant REPORTED_AT = LabEvents.RECEIVED_AT.plus(LabEvents.REPORTING_DELAY);
    private static final Instant CANCELLED_AT = REPORTED_AT.plus(Duration.ofHours(2));

    private final AccessionDesk desk = new AccessionDesk(
            new SpecimenIntakeCheck(AssaySpecimenCompatibility.defaults(), Duration.ofMinutes(5)),
            new AccessionNumbers("NT"));
    private final CountingSequence sequence = new CountingSequence(123);

    /** The partition's accession sequence, counting how often a number is taken from it. */
    private static final class CountingSequence implements LongSupplier {
        private long next;
        private int taken;

        CountingSequence(long first) {
            this.next = first;
        }

        @Override
        public long getAsLong() {
            taken++;
            return next++;
        }
    }

    @Test
    void aNewSpecimenIsAccessionedWithPrefixYearOfReceiptPartitionAndSequence() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().build();

        DeskDecision decision = receive(null, "ev-1", receipt);

        assertThat(decision).isInstanceOf(DeskDecision.Accessioned.class);
        DeskDecision.Accessioned accessioned = (DeskDecision.Accessioned) decision;
        assertThat(accessioned.entry().accessionId()).isEqualTo("NT26-03-000123").matches("NT\\d{2}-\\d{2}-\\d{6}");
        assertThat(accessioned.entry().status()).isEqualTo(LedgerStatus.ACCESSIONED);
        assertThat(accessioned.entry().specimenId()).isEqualTo(SPECIMEN_ID);
        assertThat(accessioned.entry().orderId()).isEqualTo(receipt.getOrderId());
        assertThat(accessioned.entry().receiptEventId()).isEqualTo("ev-1");
        assertThat(accessioned.entry().receivedAtMillis()).isEqualTo(LabEvents.RECEIVED_AT.toEpochMilli());
        assertThat(accessioned.entry().statusSinceMillis()).isEqualTo(REPORTED_AT.toEpochMilli());
        assertThat(accessioned.entry().rejections()).isEmpty();
        assertThat(accessioned.event().getSpecimenId()).isEqualTo(SPECIMEN_ID);
        assertThat(accessioned.event().getOrderId()).isEqualTo(receipt.getOrderId());
        assertThat(accessioned.event().getSpecimen()).isEqualTo(receipt.getSpecimen());
        assertThat(sequence.taken).isEqualTo(1);
    }

    @Test
    void theYearInTheNumberIsTheYearOfLabReceiptNotOfTheLimsReport() {
        Instant newYearsEve = Instant.parse("2025-12-31T23:30:00Z");
        SpecimenReceived receipt = LabEvents.specimen(LabEvents.ffpeWorkUp(),
                s -> s.setCollectedAt(newYearsEve.minus(Duration.ofDays(3))).setReceivedAt(newYearsEve)).build();

        DeskDecision decision = desk.receive(null, SPECIMEN_ID, "ev-1", newYearsEve.plus(Duration.ofHours(1)), receipt,
                PARTITION, sequence);

        assertThat(decision.entry().accessionId()).isEqualTo("NT25-03-000123");
    }

    @Test
    void theSameReceiptEventAgainIsADuplicate() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().build();
        LedgerEntry accessioned = receive(null, "ev-1", receipt).entry();

        DeskDecision again = receive(accessioned, "ev-1", receipt);

        assertThat(again).isInstanceOf(DeskDecision.Duplicate.class);
        assertThat(again.entry()).isNull();
        assertThat(sequence.taken).isEqualTo(1);
    }

    @Test
    void theSameReceiptResentUnderANewEventIdIsADuplicateOfTheSameAccession() {
        SpecimenReceived.Builder receipt = LabEvents.ffpeWorkUp();
        LedgerEntry accessioned = receive(null, "ev-1", receipt.build()).entry();

        DeskDecision resent = receive(accessioned, "ev-2", receipt.build());

        assertThat(resent).isInstanceOf(DeskDecision.Duplicate.class);
        assertThat(((DeskDecision.Duplicate) resent).why()).contains(accessioned.accessionId());
        assertThat(resent.entry()).as("the ledger keeps the accession").isNull();
        assertThat(sequence.taken).isEqualTo(1);
    }

    @Test
    void aChangedReceiptForAnAccessionedSpecimenIsRefusedWithoutTouchingTheLedger() {
        SpecimenReceived.Builder receipt = LabEvents.ffpeWorkUp();
        LedgerEntry accessioned = receive(null, "ev-1", receipt.build()).entry();
        SpecimenReceived changed = receipt.setPriority(Priority.STAT).build();

        DeskDecision decision = receive(accessioned, "ev-2", changed);

        assertThat(decision).isInstanceOf(DeskDecision.Rejected.class);
        DeskDecision.Rejected rejected = (DeskDecision.Rejected) decision;
        assertThat(rejected.entry()).as("a conflicting resend does not undo the accession").isNull();
        assertThat(rejected.orderId()).isEqualTo(changed.getOrderId());
        assertThat(rejected.reasons())
                .extracting(RejectionReason::getCode, RejectionReason::getRuleId, RejectionReason::getField)
                .containsExactly(tuple(RejectionCode.CONFLICTING_DUPLICATE, "ACC-DUPLICATE", "specimenId"));
        assertThat(rejected.reasons().get(0).getDetail()).contains(accessioned.accessionId());
        assertThat(sequence.taken).isEqualTo(1);
    }

    @Test
    void aRejectedSpecimenIsKeptInTheLedgerWithItsReasonsAndNoAccession() {
        SpecimenReceived noAge = LabEvents.ffpeWorkUp().setAgeYears(null).build();

        DeskDecision decision = receive(null, "ev-1", noAge);

        assertThat(decision).isInstanceOf(DeskDecision.Rejected.class);
        LedgerEntry entry = decision.entry();
        assertThat(entry.status()).isEqualTo(LedgerStatus.REJECTED);
        assertThat(entry.accessionId()).isNull();
        assertThat(entry.orderId()).isEqualTo(noAge.getOrderId());
        assertThat(entry.rejections()).extracting(LedgerEntry.Reason::code, LedgerEntry.Reason::ruleId,
                LedgerEntry.Reason::field).containsExactly(tuple("MISSING_FIELD", "ACC-AGE", "ageYears"));
        assertThat(((DeskDecision.Rejected) decision).reasons()).hasSize(1);
        assertThat(sequence.taken).isZero();
    }

    @Test
    void aCorrectedReceiptForARejectedSpecimenIsAccessioned() {
        SpecimenReceived.Builder receipt = LabEvents.ffpeWorkUp().setAgeYears(null);
        LedgerEntry rejected = receive(null, "ev-1", receipt.build()).entry();

        DeskDecision corrected = receive(rejected, "ev-2", receipt.setAgeYears(7).build());

        assertThat(corrected).isInstanceOf(DeskDecision.Accessioned.class);
        assertThat(corrected.entry().status()).isEqualTo(LedgerStatus.ACCESSIONED);
        assertThat(corrected.entry().accessionId()).isEqualTo("NT26-03-000123");
        assertThat(corrected.entry().receiptEventId()).isEqualTo("ev-2");
        assertThat(corrected.entry().rejections()).isEmpty();
        assertThat(sequence.taken).isEqualTo(1);
    }

    @Test
    void aRejectedReceiptRepeatedUnchangedIsADuplicate() {
        SpecimenReceived.Builder receipt = LabEvents.ffpeWorkUp().setAgeYears(null);
        LedgerEntry rejected = receive(null, "ev-1", receipt.build()).entry();

        assertThat(receive(rejected, "ev-1", receipt.build())).isInstanceOf(DeskDecision.Duplicate.class);
        assertThat(receive(rejected, "ev-2", receipt.build())).isInstanceOf(DeskDecision.Duplicate.class);
        assertThat(sequence.taken).isZero();
    }

    @Test
    void cancellingAnAccessionedSpecimenCancelsItsAccession() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().build();
        LedgerEntry accessioned = receive(null, "ev-1", receipt).entry();

        DeskDecision decision = cancel(accessioned, "ev-2", receipt.getOrderId(), CancellationReason.ORDER_WITHDRAWN);

        assertThat(decision).isInstanceOf(DeskDecision.Cancelled.class);
        DeskDecision.Cancelled cancelled = (DeskDecision.Cancelled) decision;
        assertThat(cancelled.accessionId()).isEqualTo(accessioned.accessionId());
        assertThat(cancelled.entry().status()).isEqualTo(LedgerStatus.CANCELLED);
        assertThat(cancelled.entry().accessionId()).isEqualTo(accessioned.accessionId());
        assertThat(cancelled.entry().cancellationEventId()).isEqualTo("ev-2");
        assertThat(cancelled.entry().cancellationReason()).isEqualTo("ORDER_WITHDRAWN");
        assertThat(cancelled.entry().statusSinceMillis()).isEqualTo(CANCELLED_AT.toEpochMilli());
        assertThat(cancelled.event().getSpecimenId()).isEqualTo(SPECIMEN_ID);
        assertThat(cancelled.event().getOrderId()).isEqualTo(receipt.getOrderId());
        assertThat(cancelled.event().getReason()).isEqualTo(CancellationReason.ORDER_WITHDRAWN);
    }

    @Test
    void aCancellationNamingAnotherOrderIsRefusedWithoutTouchingTheLedger() {
        LedgerEntry accessioned = receive(null, "ev-1", LabEvents.ffpeWorkUp().build()).entry();

        DeskDecision decision = cancel(accessioned, "ev-2", "ORD-SOMEONE-ELSE", CancellationReason.DUPLICATE_ORDER);

        assertThat(decision).isInstanceOf(DeskDecision.Rejected.class);
        DeskDecision.Rejected rejected = (DeskDecision.Rejected) decision;
        assertThat(rejected.entry()).isNull();
        assertThat(rejected.orderId()).isEqualTo("ORD-SOMEONE-ELSE");
        assertThat(rejected.reasons())
                .extracting(RejectionReason::getCode, RejectionReason::getRuleId, RejectionReason::getField)
                .containsExactly(tuple(RejectionCode.ORDER_MISMATCH, "ACC-ORDER-MATCH", "orderId"));
    }

    @Test
    void aRepeatedCancellationIsADuplicate() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().build();
        LedgerEntry accessioned = receive(null, "ev-1", receipt).entry();
        LedgerEntry cancelled = cancel(accessioned, "ev-2", receipt.getOrderId(), CancellationReason.ORDER_WITHDRAWN)
                .entry();

        DeskDecision again = cancel(cancelled, "ev-3", receipt.getOrderId(), CancellationReason.ORDER_WITHDRAWN);

        assertThat(again).isInstanceOf(DeskDecision.Duplicate.class);
        assertThat(again.entry()).isNull();
    }

    @Test
    void aCancellationBeforeReceiptIsRememberedWithoutAnAccession() {
        DeskDecision decision = cancel(null, "ev-1", "ORD-77", CancellationReason.PATIENT_TRANSFERRED);

        assertThat(decision).isInstanceOf(DeskDecision.Cancelled.class);
        DeskDecision.Cancelled cancelled = (DeskDecision.Cancelled) decision;
        assertThat(cancelled.accessionId()).isNull();
        assertThat(cancelled.entry().status()).isEqualTo(LedgerStatus.CANCELLED);
        assertThat(cancelled.entry().orderId()).isEqualTo("ORD-77");
        assertThat(cancelled.entry().accessionId()).isNull();
        assertThat(cancelled.entry().cancellationReason()).isEqualTo("PATIENT_TRANSFERRED");
        assertThat(cancelled.event().getOrderId()).isEqualTo("ORD-77");
    }

    @Test
    void aReceiptAfterItsOrderWasCancelledIsRefusedAndGetsNoNumber() {
        LedgerEntry cancelled = cancel(null, "ev-1", "ORD-77", CancellationReason.ORDER_WITHDRAWN).entry();
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().setOrderId("ORD-77").build();

        DeskDecision decision = receive(cancelled, "ev-2", receipt);

        assertThat(decision).isInstanceOf(DeskDecision.Rejected.class);
        DeskDecision.Rejected rejected = (DeskDecision.Rejected) decision;
        assertThat(rejected.entry()).isNull();
        assertThat(rejected.orderId()).isEqualTo("ORD-77");
        assertThat(rejected.reasons())
                .extracting(RejectionReason::getCode, RejectionReason::getRuleId, RejectionReason::getField)
                .containsExactly(tuple(RejectionCode.ORDER_CANCELLED, "ACC-CANCELLED", "specimenId"));
        assertThat(sequence.taken).isZero();
    }

    @Test
    void aReceiptRepeatedAfterCancellationIsADuplicate() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().build();
        LedgerEntry accessioned = receive(null, "ev-1", receipt).entry();
        LedgerEntry cancelled = cancel(accessioned, "ev-2", receipt.getOrderId(), CancellationReason.ORDER_WITHDRAWN)
                .entry();

        assertThat(receive(cancelled, "ev-1", receipt)).isInstanceOf(DeskDecision.Duplicate.class);
        assertThat(sequence.taken).isEqualTo(1);
    }

    @Test
    void aNumberIsTakenFromTheSequenceOnlyWhenOneIsAssigned() {
        SpecimenReceived.Builder receipt = LabEvents.ffpeWorkUp().setTumourType(null);
        LedgerEntry entry = receive(null, "ev-1", receipt.build()).entry();
        receive(entry, "ev-1", receipt.build());
        assertThat(sequence.taken).as("rejection and its repeat").isZero();

        SpecimenReceived valid = LabEvents.ffpeWorkUp().build();
        entry = receive(entry, "ev-2", valid).entry();
        receive(entry, "ev-2", valid);
        receive(entry, "ev-3", valid);
        receive(entry, "ev-4", LabEvents.ffpeWorkUp().build());
        assertThat(sequence.taken).as("one accession, then a repeat, a resend and a conflict").isEqualTo(1);

        DeskDecision second = receive(null, "ev-5", LabEvents.ffpeWorkUp().build(), "SP-000043");
        assertThat(second.entry().accessionId()).isEqualTo("NT26-03-000124");
        assertThat(sequence.taken).isEqualTo(2);
    }

    @Test
    void aCancellationWithoutOrderIsRefusedAndChangesNothing() {
        SpecimenCancelled noOrder = SpecimenCancelled.newBuilder().setOrderId(" ")
                .setReason(CancellationReason.ORDER_WITHDRAWN).build();

        DeskDecision decision = desk.cancel(null, SPECIMEN_ID, "ev-1", CANCELLED_AT, noOrder);

        assertThat(decision).isInstanceOf(DeskDecision.Rejected.class);
        assertThat(decision.entry()).isNull();
        assertThat(((DeskDecision.Rejected) decision).reasons()).extracting(RejectionReason::getCode)
                .containsExactly(RejectionCode.MISSING_FIELD);
    }

    @Test
    void aReceiptUnderAnotherOrderThanTheOneCancelledBeforeReceiptIsAMismatch() {
        SpecimenCancelled early = SpecimenCancelled.newBuilder().setOrderId("ORD-1")
                .setReason(CancellationReason.DUPLICATE_ORDER).build();
        DeskDecision cancelled = desk.cancel(null, SPECIMEN_ID, "ev-1", CANCELLED_AT, early);

        DeskDecision decision = receive(cancelled.entry(), "ev-2", LabEvents.ffpeWorkUp().setOrderId("ORD-2").build());

        assertThat(((DeskDecision.Rejected) decision).reasons()).extracting(RejectionReason::getCode)
                .containsExactly(RejectionCode.ORDER_MISMATCH);
        assertThat(sequence.taken).isZero();
    }

    @Test
    void theReceiptFingerprintChangesWithEveryClinicalFieldButNotWithTheEventAroundIt() {
        SpecimenReceived receipt = LabEvents.ffpeWorkUp().build();
        String fingerprint = AccessionDesk.fingerprint(receipt);

        assertThat(AccessionDesk.fingerprint(SpecimenReceived.newBuilder(receipt).build())).isEqualTo(fingerprint);
        assertThat(AccessionDesk.fingerprint(SpecimenReceived.newBuilder(receipt).setPriority(Priority.STAT).build()))
                .isNotEqualTo(fingerprint);
        assertThat(AccessionDesk.fingerprint(LabEvents.specimen(SpecimenReceived.newBuilder(receipt),
                s -> s.setFixationHours(48.0)).build())).isNotEqualTo(fingerprint);
        assertThat(AccessionDesk.fingerprint(SpecimenReceived.newBuilder(receipt)
                .setClinicalSuspicion(org.ntrklab.events.ClinicalSuspicion.HIGH).build())).isNotEqualTo(fingerprint);
    }

    private DeskDecision receive(LedgerEntry current, String eventId, SpecimenReceived receipt) {
        return receive(current, eventId, receipt, SPECIMEN_ID);
    }

    @Test
    void aReceiptRefusedAsDatedInTheFutureIsAcceptedWhenResentUnchangedLater() {
        // The LIMS clock ran behind: receipt time lies after the event's own time.
        SpecimenReceived receipt = LabEvents.specimen(LabEvents.ffpeWorkUp(),
                s -> s.setReceivedAt(REPORTED_AT.plus(Duration.ofHours(1)))).build();
        DeskDecision refused = desk.receive(null, SPECIMEN_ID, "ev-1", REPORTED_AT, receipt, PARTITION, sequence);
        assertThat(refused).isInstanceOf(DeskDecision.Rejected.class);

        DeskDecision sameTooEarly = desk.receive(refused.entry(), SPECIMEN_ID, "ev-2", REPORTED_AT, receipt, PARTITION,
                sequence);
        assertThat(sameTooEarly).isInstanceOf(DeskDecision.Duplicate.class);

        DeskDecision later = desk.receive(refused.entry(), SPECIMEN_ID, "ev-3", REPORTED_AT.plus(Duration.ofHours(2)),
                receipt, PARTITION, sequence);
        assertThat(later).isInstanceOf(DeskDecision.Accessioned.class);
    }

    @Test
    void cancellingARejectedReceiptWithoutOrderRecordsTheCancelledOrder() {
        SpecimenReceived noOrder = LabEvents.ffpeWorkUp().setOrderId("").build();
        DeskDecision refused = receive(null, "ev-1", noOrder);
        SpecimenCancelled cancellation = SpecimenCancelled.newBuilder().setOrderId("ORD-77")
                .setReason(CancellationReason.ORDER_WITHDRAWN).build();

        DeskDecision cancelled = desk.cancel(refused.entry(), SPECIMEN_ID, "ev-2", CANCELLED_AT, cancellation);

        assertThat(cancelled).isInstanceOf(DeskDecision.Cancelled.class);
        assertThat(cancelled.entry().orderId()).isEqualTo("ORD-77");
        assertThat(cancelled.entry().status()).isEqualTo(LedgerStatus.CANCELLED);
    }

    private DeskDecision receive(LedgerEntry current, String eventId, SpecimenReceived receipt, String specimenId) {
        return desk.receive(current, specimenId, eventId, REPORTED_AT, receipt, PARTITION, sequence);
    }

    private DeskDecision cancel(LedgerEntry current, String eventId, String orderId, CancellationReason reason) {
        return desk.cancel(current, SPECIMEN_ID, eventId, CANCELLED_AT,
                SpecimenCancelled.newBuilder().setOrderId(orderId).setReason(reason).build());
    }
}
