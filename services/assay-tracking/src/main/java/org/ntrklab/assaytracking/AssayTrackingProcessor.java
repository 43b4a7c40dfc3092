package org.ntrklab.assaytracking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ntrklab.assaytracking.tracking.AssayCase;
import org.ntrklab.assaytracking.tracking.AssayDesk;
import org.ntrklab.assaytracking.tracking.TrackedOrder;
import org.ntrklab.assaytracking.tracking.TrackingStep;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayRunCompleted;
import org.ntrklab.events.AssayRunEvent;
import org.ntrklab.events.AssayRunFailed;
import org.ntrklab.events.AssayRunStarted;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.platform.events.OutsideText;
import org.ntrklab.platform.events.RecordKeys;
import org.ntrklab.platform.streams.Outputs;
import org.ntrklab.platform.streams.StateStores;

/**
 * Feeds orders, QC decisions, cancellations and run events of one partition to the assay desk, keeps each
 * accession's orders, and writes status changes, results and rejections to ntrk.assay-status.
 */
final class AssayTrackingProcessor implements Processor<String, SpecificRecord, String, AssayStatusEvent> {

    private final AssayDesk desk;
    private final AssayTrackingMetrics metrics;
    private final Duration housekeepingInterval;
    private ProcessorContext<String, AssayStatusEvent> context;
    private KeyValueStore<String, AssayCase> cases;
    private String task;

    AssayTrackingProcessor(AssayDesk desk, AssayTrackingMetrics metrics, Duration housekeepingInterval) {
        this.desk = desk;
        this.metrics = metrics;
        this.housekeepingInterval = housekeepingInterval;
    }

    @Override
    public void init(ProcessorContext<String, AssayStatusEvent> context) {
        this.context = context;
        task = context.taskId().toString();
        cases = context.getStateStore(AssayTrackingTopology.CASES);
        context.schedule(housekeepingInterval, PunctuationType.WALL_CLOCK_TIME, this::housekeeping);
        // The store is restored before init: count the open orders now, so the gauge is right after a
        // restart or a rebalance.
        List<TrackedOrder> open = new ArrayList<>();
        StateStores.entries(cases).forEach(e -> open.addAll(e.value.orders().values()));
        metrics.recount(task, open);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        long now = context.currentSystemTimeMs();
        SpecificRecord value = record.value();
        String key = record.key();
        if (value instanceof AssayRunEvent run) {
            AssayDesk.Cause cause = new AssayDesk.Cause(run.getEventId(), run.getOccurredAt());
            Object payload = run.getPayload();
            TrackingStep step;
            if (payload instanceof AssayRunStarted started) {
                step = desk.runStarted(cases.get(key), cause, started, now);
            } else if (payload instanceof AssayRunCompleted completed) {
                step = desk.runCompleted(cases.get(key), cause, completed, now);
            } else {
                step = desk.runFailed(cases.get(key), cause, (AssayRunFailed) payload, now);
            }
            apply(key, step, record.timestamp(), payload.getClass().getSimpleName());
        } else if (value instanceof AssayOrderEvent order) {
            RecordKeys.requireAccession(key, order.getAccessionId(), "ntrk.assay-orders");
            if (order.getPayload() instanceof AssayOrdered ordered) {
                apply(key, desk.ordered(cases.get(key), key, new AssayDesk.Cause(order.getEventId(), order.getOccurredAt()), ordered, now),
                        record.timestamp(), "AssayOrdered");
            } else {
                metrics.input(order.getPayload().getClass().getSimpleName(), "ignored");
            }
        } else if (value instanceof QcDecisionEvent qc) {
            RecordKeys.requireAccession(key, qc.getAccessionId(), "ntrk.qc-decisions");
            if (qc.getPayload() instanceof QcDecided decided) {
                apply(key, desk.qcDecided(cases.get(key), key, new AssayDesk.Cause(qc.getEventId(), qc.getOccurredAt()),
                        decided, now), record.timestamp(), "QcDecided");
            } else {
                metrics.input(qc.getPayload().getClass().getSimpleName(), "ignored");
            }
        } else if (value instanceof AccessionEvent accession) {
            String type = accession.getPayload().getClass().getSimpleName();
            if (accession.getAccessionId() != null && accession.getPayload() instanceof AccessionCancelled) {
                RecordKeys.requireAccession(key, accession.getAccessionId(), "ntrk.accessions");
                apply(key, desk.cancelled(cases.get(key), key,
                        new AssayDesk.Cause(accession.getEventId(), accession.getOccurredAt()), now),
                        record.timestamp(), type);
            } else {
                // Accessions and rejections need no tracking until an order arrives.
                metrics.input(type, "ignored");
            }
        } else if (value == null) {
            throw new IllegalArgumentException("record keyed " + OutsideText.quote(key) + " has no value");
        } else {
            throw new IllegalArgumentException("unexpected input type " + value.getClass().getName());
        }
    }

    private void housekeeping(long now) {
        for (KeyValue<String, AssayCase> entry : StateStores.entries(cases)) {
            if (desk.expire(entry.value, now).delete()) {
                cases.delete(entry.key);
                metrics.input("housekeeping", "evicted");
            }
        }
    }

    /**
     * Builds and checks every event of the step, writes the state, then the events, and counts them: an
     * event that cannot be built or written, or a state too large to keep, leaves the case and the gauges
     * as they were, with nothing written (the input is dead-lettered).
     */
    private void apply(String key, TrackingStep step, long inputTimestamp, String inputType) {
        List<Record<String, AssayStatusEvent>> records = step.outputs().stream()
                .map(output -> TrackingEvents.record(key, output, inputTimestamp)).toList();
        Outputs.requireWritable(records);
        if (step.delete()) {
            cases.delete(key);
        } else if (step.state() != null) {
            cases.put(key, step.state());
        }
        records.forEach(context::forward);
        step.outputs().forEach(output -> metrics.written(task, output));
        metrics.input(inputType, step.outcome());
    }

    @Override
    public void close() {
        // The task may move to another instance: its orders are no longer counted here.
        metrics.forget(task);
    }
}
