package org.ntrklab.tatmetrics;

import java.time.Instant;
import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.events.CaseOverdue;
import org.ntrklab.events.Priority;
import org.ntrklab.events.TurnaroundEvent;
import org.ntrklab.events.TurnaroundMeasured;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.events.Envelopes;
import org.ntrklab.tatmetrics.timeline.TatOutput;

/** Turns the clerk's outputs into ntrk.turnaround records: envelope, deterministic id, key and timestamp. */
final class TatEvents {

    static final String SOURCE = "tat-metrics";

    private TatEvents() {
    }

    static Record<String, TurnaroundEvent> record(String accessionId, TatLogic.Written written, long inputTimestamp) {
        TatOutput output = written.output();
        Object payload;
        Instant occurredAt;
        if (output instanceof TatOutput.Measured m) {
            payload = TurnaroundMeasured.newBuilder()
                    .setMeasure(m.measure()).setAssay(m.assay()).setOrderId(m.orderId())
                    .setStartedAt(m.startedAt()).setEndedAt(m.endedAt())
                    .setCalendarSeconds(m.calendarSeconds()).setWorkingDays(m.workingDays())
                    .setTargetWorkingDays(m.targetWorkingDays()).setWithinTarget(m.withinTarget())
                    .setPriority(m.priority() == null ? Priority.ROUTINE : Priority.valueOf(m.priority()))
                    .build();
            occurredAt = m.endedAt();
        } else {
            TatOutput.Overdue o = (TatOutput.Overdue) output;
            payload = CaseOverdue.newBuilder()
                    .setMeasure(o.measure()).setAssay(o.assay()).setOrderId(o.orderId())
                    .setStartedAt(o.startedAt()).setTargetWorkingDays(o.targetWorkingDays())
                    .setElapsedWorkingDays(o.elapsedWorkingDays())
                    .build();
            occurredAt = o.flaggedAt();
        }
        // The event time is the record's time; a measure's end and a flag's time are always plausible.
        return Envelopes.record(TurnaroundEvent.class, accessionId, EventIds.derived(accessionId, output.key()),
                occurredAt, SOURCE, written.causationId(), payload, 0);
    }
}
