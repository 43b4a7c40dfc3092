package org.ntrklab.accessioning;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ntrklab.accessioning.intake.IntakeRule;
import org.ntrklab.platform.events.EventTimes;
import org.ntrklab.accessioning.ledger.AccessionDesk;
import org.ntrklab.accessioning.ledger.DeskDecision;
import org.ntrklab.accessioning.ledger.LedgerEntry;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.RejectionCode;
import org.ntrklab.events.RejectionReason;
import org.ntrklab.events.SpecimenCancelled;
import org.ntrklab.events.SpecimenEvent;
import org.ntrklab.events.SpecimenReceived;
import org.ntrklab.platform.streams.Outputs;

/**
 * Applies the accession desk to each LIMS event of one partition: reads and updates the ledger, draws
 * accession numbers from the partition's sequence, and writes exactly one event per decision (none for a
 * repeat). Records arrive here keyed by their own specimenId (misfiled ones are answered before).
 */
final class AccessionProcessor implements Processor<String, SpecimenEvent, String, AccessionEvent> {

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
        String eventKind = event.getPayload().getClass().getSimpleName();
        String specimenId = event.getSpecimenId();
        if (event.getOccurredAt().isBefore(EventTimes.EARLIEST_PLAUSIBLE)) {
            // Checked before the desk: an event time that is no time at all must not reach the ledger.
            RejectionReason reason = IntakeRule.PLAUSIBLE_DATE.reject(RejectionCode.MALFORMED_VALUE, "occurredAt",
                    "event time " + event.getOccurredAt() + " is before " + EventTimes.EARLIEST_PLAUSIBLE);
            context.forward(AccessionEvents.event(event.getEventId(), "rejected", event.getOccurredAt(),
                    record.timestamp(), null, specimenId, AccessionEvents.rejection(specimenId, null, List.of(reason))));
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
        // The event is built and checked before the ledger changes, so an event that cannot be written leaves
        // the ledger as it was (the input is dead-lettered); the ledger is written before the event, so a
        // ledger entry too large to keep writes no event either.
        Record<String, AccessionEvent> out = null;
        if (decision instanceof DeskDecision.Accessioned a) {
            out = emit(event, record, "accessioned", a.entry().accessionId(), a.event());
        } else if (decision instanceof DeskDecision.Rejected r) {
            out = emit(event, record, "rejected", null, AccessionEvents.rejection(specimenId, r.orderId(), r.reasons()));
        } else if (decision instanceof DeskDecision.Cancelled c) {
            out = emit(event, record, "cancelled", c.accessionId(), c.event());
        }
        // A duplicate writes nothing: the first event already stands.
        if (out != null) {
            Outputs.requireWritable(out.value());
        }
        LedgerEntry updated = decision.entry();
        if (updated != null) {
            ledger.put(specimenId, updated);
            if (updated.accessionId() != null) {
                index.put(updated.accessionId(), updated);
            }
        }
        if (out != null) {
            context.forward(out);
        }
        if (decision instanceof DeskDecision.Rejected r) {
            metrics.rejected(r.reasons());
        }
        metrics.outcome(eventKind, decision.outcome());
    }

    private static Record<String, AccessionEvent> emit(SpecimenEvent event, Record<String, SpecimenEvent> record,
            String derivation, String accessionId, Object payload) {
        return AccessionEvents.event(event.getEventId(), derivation, event.getOccurredAt(), record.timestamp(),
                accessionId, event.getSpecimenId(), payload);
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
}
