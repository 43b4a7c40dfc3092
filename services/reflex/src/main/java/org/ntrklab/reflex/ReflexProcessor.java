package org.ntrklab.reflex;

import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.AssayOrderEvent;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.platform.events.OutsideText;
import org.ntrklab.platform.events.RecordKeys;
import org.ntrklab.platform.streams.Outputs;
import org.ntrklab.platform.streams.StateStores;
import org.ntrklab.reflex.plan.ReflexCase;
import org.ntrklab.reflex.plan.ReflexDesk;
import org.ntrklab.reflex.plan.ReflexStep;

/**
 * Feeds accessions, QC decisions and assay status of one partition to the reflex desk, keeps each case's
 * state, and writes orders and recommendations to ntrk.assay-orders. All three inputs are written by our
 * services keyed by accession with Kafka's partitioner, so they are co-partitioned with no repartition.
 */
final class ReflexProcessor implements Processor<String, SpecificRecord, String, AssayOrderEvent> {

    private final ReflexDesk desk;
    private final ReflexMetrics metrics;
    private final Duration housekeepingInterval;
    private ProcessorContext<String, AssayOrderEvent> context;
    private KeyValueStore<String, ReflexCase> cases;
    private String task;

    ReflexProcessor(ReflexDesk desk, ReflexMetrics metrics, Duration housekeepingInterval) {
        this.desk = desk;
        this.metrics = metrics;
        this.housekeepingInterval = housekeepingInterval;
    }

    @Override
    public void init(ProcessorContext<String, AssayOrderEvent> context) {
        this.context = context;
        cases = context.getStateStore(ReflexTopology.CASES);
        context.schedule(housekeepingInterval, PunctuationType.WALL_CLOCK_TIME, this::housekeeping);
        task = context.taskId().toString();
        // The store is restored before init: count now, so the gauge is right after a restart or rebalance.
        metrics.recount(task, StateStores.entries(cases).stream().filter(e -> waiting(e.value)).count());
    }

    @Override
    public void close() {
        // The task may move to another instance: its cases are no longer counted here.
        metrics.forget(task);
    }

    private static boolean waiting(ReflexCase c) {
        return c != null && !c.cancelled() && !c.pending().isEmpty();
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        long now = context.currentSystemTimeMs();
        SpecificRecord value = record.value();
        if (value instanceof AccessionEvent accession) {
            onAccession(record.key(), accession, now);
        } else if (value instanceof QcDecisionEvent qc) {
            String key = RecordKeys.requireAccession(record.key(), qc.getAccessionId(), "ntrk.qc-decisions");
            if (qc.getPayload() instanceof QcDecided decided) {
                ReflexCase before = cases.get(key);
                apply(key, before, desk.qcDecided(before, key, qc.getEventId(), qc.getOccurredAt(), decided, now),
                        record.timestamp(), "QcDecided");
            } else {
                metrics.input(qc.getPayload().getClass().getSimpleName(), "ignored");
            }
        } else if (value instanceof AssayStatusEvent status) {
            String key = RecordKeys.requireAccession(record.key(), status.getAccessionId(), "ntrk.assay-status");
            Object payload = status.getPayload();
            ReflexCase before = cases.get(key);
            ReflexStep step;
            if (payload instanceof AssayResulted resulted) {
                step = desk.resulted(before, status.getEventId(), status.getOccurredAt(), resulted, now);
            } else if (payload instanceof AssayStatusChanged changed) {
                step = desk.statusChanged(before, status.getEventId(), status.getOccurredAt(), changed, now);
            } else {
                metrics.input(payload.getClass().getSimpleName(), "ignored");
                return;
            }
            apply(key, before, step, record.timestamp(), payload.getClass().getSimpleName());
        } else if (value == null) {
            throw new IllegalArgumentException("record keyed " + OutsideText.quote(record.key()) + " has no value");
        } else {
            throw new IllegalArgumentException("unexpected input type " + value.getClass().getName());
        }
    }

    private void onAccession(String key, AccessionEvent event, long now) {
        String type = event.getPayload().getClass().getSimpleName();
        String accessionId = event.getAccessionId();
        if (accessionId == null) {
            // A rejection, or a cancellation before receipt: nothing to test.
            metrics.input(type, "not_accessioned");
            return;
        }
        RecordKeys.requireAccession(key, accessionId, "ntrk.accessions");
        ReflexCase before = cases.get(accessionId);
        ReflexStep step;
        if (event.getPayload() instanceof SpecimenAccessioned accessioned) {
            step = desk.accessioned(before, accessionId, event.getEventId(), event.getOccurredAt(), accessioned, now);
            if (step.outcome().endsWith("unlisted_code")) {
                metrics.unlistedTumourType();
            }
        } else if (event.getPayload() instanceof AccessionCancelled) {
            step = desk.cancelled(before, accessionId, now);
        } else {
            metrics.input(type, "ignored");
            return;
        }
        apply(accessionId, before, step, event.getOccurredAt().toEpochMilli(), type);
    }

    private void housekeeping(long now) {
        for (KeyValue<String, ReflexCase> entry : StateStores.entries(cases)) {
            ReflexStep step = desk.expire(entry.value, now);
            if (step.delete()) {
                cases.delete(entry.key);
                metrics.input("housekeeping", step.outcome());
                continue;
            }
            ReflexStep announced = desk.announceEarlierSettled(entry.value, java.time.Instant.ofEpochMilli(now));
            if (announced.settled() != null) {
                apply(entry.key, entry.value, announced, now, "housekeeping");
            }
        }
    }

    /**
     * Builds and checks every event of the step, writes the state, then the events: an event that cannot be
     * built or written, or a state too large to keep, leaves the case as it was, with nothing written (the
     * input is dead-lettered).
     */
    private void apply(String key, ReflexCase before, ReflexStep step, long inputTimestamp, String inputType) {
        List<Record<String, AssayOrderEvent>> records = step.written().stream()
                .map(output -> ReflexEvents.record(key, output, inputTimestamp)).toList();
        Outputs.requireWritable(records);
        if (step.delete() || step.state() != null) {
            if (step.delete()) {
                cases.delete(key);
            } else {
                cases.put(key, step.state());
            }
            metrics.waitingChanged(task, waiting(before), waiting(step.state()));
        }
        records.forEach(context::forward);
        step.written().forEach(metrics::written);
        metrics.input(inputType, step.outcome());
    }
}
