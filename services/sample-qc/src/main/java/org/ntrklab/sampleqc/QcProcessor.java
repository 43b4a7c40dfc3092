package org.ntrklab.sampleqc;

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
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.platform.events.RecordKeys;
import org.ntrklab.platform.streams.Outputs;
import org.ntrklab.platform.streams.StateStores;
import org.ntrklab.sampleqc.evaluation.QcCase;
import org.ntrklab.sampleqc.evaluation.QcDesk;
import org.ntrklab.sampleqc.evaluation.QcOutput;
import org.ntrklab.sampleqc.evaluation.QcStep;

/**
 * Feeds accessions and measurements of one partition to the QC desk, keeps each case's state, and writes
 * the desk's decisions and rejections to ntrk.qc-decisions keyed by accession. A wall-clock punctuator
 * rejects measurements whose accession never came and forgets idle cases.
 */
final class QcProcessor implements Processor<String, SpecificRecord, String, QcDecisionEvent> {

    private final QcDesk desk;
    private final SampleQcMetrics metrics;
    private final Duration housekeepingInterval;
    private ProcessorContext<String, QcDecisionEvent> context;
    private KeyValueStore<String, QcCase> cases;

    QcProcessor(QcDesk desk, SampleQcMetrics metrics, Duration housekeepingInterval) {
        this.desk = desk;
        this.metrics = metrics;
        this.housekeepingInterval = housekeepingInterval;
    }

    @Override
    public void init(ProcessorContext<String, QcDecisionEvent> context) {
        this.context = context;
        cases = context.getStateStore(SampleQcTopology.CASES);
        context.schedule(housekeepingInterval, PunctuationType.WALL_CLOCK_TIME, this::housekeeping);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        long now = context.currentSystemTimeMs();
        SpecificRecord value = record.value();
        if (value instanceof AccessionEvent accession) {
            onAccessionEvent(record.key(), accession, now);
        } else if (value instanceof QcMeasurementEvent measurement) {
            QcStep step = desk.measured(cases.get(measurement.getAccessionId()), measurement, now);
            apply(measurement.getAccessionId(), step, record.timestamp());
            metrics.input(measurement.getPayload().getClass().getSimpleName(), step.outcome());
        } else {
            throw new IllegalArgumentException("unexpected input type " + value.getClass().getName());
        }
    }

    private void onAccessionEvent(String key, AccessionEvent event, long now) {
        String type = event.getPayload().getClass().getSimpleName();
        String accessionId = event.getAccessionId();
        if (accessionId == null) {
            // A rejection, or a cancellation before receipt: there is no accession to check.
            metrics.input(type, "not_accessioned");
            return;
        }
        RecordKeys.requireAccession(key, accessionId, "ntrk.accessions");
        QcStep step;
        if (event.getPayload() instanceof SpecimenAccessioned accessioned) {
            step = desk.accessioned(cases.get(accessionId), accessionId, event.getEventId(), event.getOccurredAt(),
                    accessioned, now);
        } else if (event.getPayload() instanceof AccessionCancelled) {
            step = desk.cancelled(cases.get(accessionId), accessionId, now);
        } else {
            metrics.input(type, "ignored");
            return;
        }
        apply(accessionId, step, event.getOccurredAt().toEpochMilli());
        metrics.input(type, step.outcome());
    }

    private void housekeeping(long now) {
        for (KeyValue<String, QcCase> entry : StateStores.entries(cases)) {
            QcStep step = desk.expire(entry.value, now);
            if (step.delete() || step.state() != null) {
                apply(entry.key, step, now);
                metrics.input("housekeeping", step.outcome());
            }
        }
    }

    /**
     * Builds and checks the step's events, writes its state, then its events: an event that cannot be
     * built or written, or a state too large to keep, leaves the case as it was and writes nothing (the
     * input is dead-lettered).
     */
    private void apply(String key, QcStep step, long inputTimestamp) {
        List<Record<String, QcDecisionEvent>> records = step.outputs().stream()
                .map(output -> QcEvents.record(key, output, inputTimestamp)).toList();
        Outputs.requireWritable(records);
        if (step.delete()) {
            cases.delete(key);
        } else if (step.state() != null) {
            cases.put(key, step.state());
        }
        records.forEach(context::forward);
        for (QcOutput output : step.outputs()) {
            if (output instanceof QcOutput.Decided d) {
                metrics.decided(d.decision());
            } else if (output instanceof QcOutput.MeasurementRejected r) {
                metrics.rejected(r.reasons());
            }
        }
    }
}
