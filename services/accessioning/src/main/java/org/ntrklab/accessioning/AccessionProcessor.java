package org.ntrklab.accessioning;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ntrklab.accessioning.intake.IntakeRule;
import org.ntrklab.accessioning.ledger.AccessionDesk;
import org.ntrklab.accessioning.ledger.DeskDecision;
import org.ntrklab.accessioning.ledger.LedgerEntry;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.events.RejectionReason;
import org.ntrklab.events.SpecimenCancelled;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.events.SpecimenRejected;
import org.ntrklab.platform.events.EventIds;

/**
 * Applies the accession desk to each LIMS event of one partition: reads and updates the ledger, draws
 * accession numbers from the partition's sequence, and writes exactly one event per decision (none for a
 * repeat). Output is keyed by accession number, or by specimen id when there is none.
 */
final class AccessionProcessor implements Processor<String, SpecimenEvent, String, AccessionEvent> {

    static final String SOURCE = "accessioning";
    private static final String SEQUENCE_KEY = "next";

    private final AccessionDesk desk;
    private final AccessioningMetrics metrics;
    private ProcessorContext<String, AccessionEvent> context;
    private KeyValueStore<String, LedgerEntry> ledger;
    private KeyValueStore<String, LedgerEntry> index;
    private KeyValueStore<String, Long> sequence;

    AccessionProcessor(AccessionDesk desk, AccessioningMetrics metrics) {
        this.desk = desk;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, AccessionEvent> context) {
        this.context = context;
        ledger = context.getStateStore(AccessioningTopology.LEDGER);
        index = context.getStateStore(AccessioningTopology.INDEX);
        sequence = context.getStateStore(AccessioningTopology.SEQUENCE);
    }

    @Override
    public void process(Record<String, SpecimenEvent> record) {
        SpecimenEvent event = record.value();
        if (event == null) {
            emptyRecord(record);
            return;
        }
        String eventKind = event.getPayload().getClass().getSimpleName();
        String specimenId = event.getSpecimenId();
        if (specimenId.isBlank() || !specimenId.equals(record.key())) {
            String keyedBy = specimenId.isBlank() ? record.key() : specimenId;
            if (keyedBy == null || keyedBy.isBlank()) {
                throw new IllegalArgumentException("record has neither a key nor a specimenId; it cannot be "
                        + "attributed to any specimen");
            }
            RejectionReason reason = IntakeRule.RECORD_KEY.reject(RejectionCode.WRONG_KEY, "specimenId",
                    "record key '" + record.key() + "' does not match the event's specimenId '" + specimenId + "'");
            emit(event.getEventId(), "rejected", event.getOccurredAt(), null, keyedBy, rejection(keyedBy, null, List.of(reason)));
            metrics.outcome(eventKind, "rejected");
            metrics.rejected(List.of(reason));
            return;
        }
        LedgerEntry current = ledger.get(specimenId);
        DeskDecision decision;
        if (event.getPayload() instanceof SpecimenReceived received) {
            decision = desk.receive(current, specimenId, event.getEventId(), event.getOccurredAt(), received,
                    partition(), this::nextSequence);
        } else if (event.getPayload() instanceof SpecimenCancelled cancelled) {
            decision = desk.cancel(current, specimenId, event.getEventId(), event.getOccurredAt(), cancelled);
        } else {
            throw new IllegalArgumentException("unknown LIMS event type " + eventKind);
        }
        LedgerEntry updated = decision.entry();
        if (updated != null) {
            ledger.put(specimenId, updated);
            if (updated.accessionId() != null) {
                index.put(updated.accessionId(), updated);
            }
        }
        if (decision instanceof DeskDecision.Accessioned a) {
            emit(event.getEventId(), "accessioned", event.getOccurredAt(), a.entry().accessionId(), specimenId, a.event());
        } else if (decision instanceof DeskDecision.Rejected r) {
            emit(event.getEventId(), "rejected", event.getOccurredAt(), null, specimenId,
                    rejection(specimenId, r.orderId(), r.reasons()));
            metrics.rejected(r.reasons());
        } else if (decision instanceof DeskDecision.Cancelled c) {
            emit(event.getEventId(), "cancelled", event.getOccurredAt(), c.accessionId(), specimenId, c.event());
        }
        // A duplicate writes nothing: the first event already stands.
        metrics.outcome(eventKind, decision.outcome());
    }

    /** A record without a value (a tombstone or an empty message) still gets an answer. */
    private void emptyRecord(Record<String, SpecimenEvent> record) {
        if (record.key() == null || record.key().isBlank()) {
            throw new IllegalArgumentException("record has neither a key nor a value");
        }
        RejectionReason reason = IntakeRule.REQUIRED_FIELDS.reject(RejectionCode.MISSING_FIELD, null,
                "record for this specimen id has no value; a LIMS event was expected");
        String causation = EventIds.derived(record.key() + "@" + record.timestamp(), "empty");
        emit(causation, "rejected", Instant.ofEpochMilli(record.timestamp()), null, record.key(),
                rejection(record.key(), null, List.of(reason)));
        metrics.outcome("empty", "rejected");
        metrics.rejected(List.of(reason));
    }

    private long nextSequence() {
        Long next = sequence.get(SEQUENCE_KEY);
        long value = next == null ? 1 : next;
        sequence.put(SEQUENCE_KEY, value + 1);
        return value;
    }

    private int partition() {
        return context.recordMetadata().map(m -> m.partition())
                .orElseThrow(() -> new IllegalStateException("accessioning needs the input partition of each record"));
    }

    private static SpecimenRejected rejection(String specimenId, String orderId, List<RejectionReason> reasons) {
        return SpecimenRejected.newBuilder().setSpecimenId(specimenId)
                .setOrderId(orderId == null || orderId.isBlank() ? null : orderId).setReasons(reasons).build();
    }

    private void emit(String causationId, String derivation, Instant occurredAt, String accessionId, String specimenId,
            Object payload) {
        AccessionEvent out = AccessionEvent.newBuilder()
                .setEventId(EventIds.derived(causationId, derivation))
                .setOccurredAt(occurredAt)
                .setAccessionId(accessionId)
                .setSpecimenId(specimenId)
                .setSource(SOURCE)
                .setCausationId(causationId)
                .setPayload(payload)
                .build();
        String key = accessionId != null ? accessionId : specimenId;
        context.forward(new Record<>(key, out, occurredAt.toEpochMilli()));
    }
}
