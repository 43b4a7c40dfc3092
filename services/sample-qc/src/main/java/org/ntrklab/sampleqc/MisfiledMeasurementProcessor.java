package org.ntrklab.sampleqc;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.QcRejectionCode;
import org.ntrklab.events.QcRejectionReason;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.events.EventTimes;
import org.ntrklab.platform.events.RecordKeys;
import org.ntrklab.platform.limits.FieldLimits;
import org.ntrklab.platform.streams.Outputs;
import org.ntrklab.sampleqc.evaluation.QcDesk;
import org.ntrklab.sampleqc.evaluation.QcOutput;
import org.ntrklab.sampleqc.evaluation.QcStep;

/**
 * Answers measurement records that cannot be filed under an accession (no value, a key that is not the
 * event's accession number, or a field outside its limits) before they reach any case state; the rejection
 * names the offending fields, never their values.
 */
final class MisfiledMeasurementProcessor implements Processor<String, QcMeasurementEvent, String, QcDecisionEvent> {

    private final SampleQcMetrics metrics;
    private ProcessorContext<String, QcDecisionEvent> context;

    MisfiledMeasurementProcessor(SampleQcMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, QcDecisionEvent> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, QcMeasurementEvent> record) {
        QcMeasurementEvent event = record.value();
        if (event == null) {
            if (!RecordKeys.nameable(record.key())) {
                throw new IllegalArgumentException("measurement record has no value and no usable key");
            }
            String causation = EventIds.ofRecordWithoutValue(record.key(), record.timestamp());
            QcRejectionReason reason = QcRejectionReason.newBuilder().setCode(QcRejectionCode.MISSING_FIELD)
                    .setField(null).setDetail("record has no value; a QC measurement was expected").build();
            QcOutput rejection = new QcOutput.MeasurementRejected(causation, "empty", List.of(reason),
                    EventIds.derived(causation, "rejected"), EventTimes.forRejection(null, record.timestamp()));
            context.forward(QcEvents.record(record.key(), rejection, record.timestamp()));
            metrics.rejected(List.of(reason));
            metrics.input("empty", "rejected");
            return;
        }
        String key = event.getAccessionId().isBlank() ? record.key() : event.getAccessionId();
        if (!RecordKeys.nameable(key)) {
            throw new IllegalArgumentException("measurement has neither a usable key nor an accessionId");
        }
        QcStep step = QcDesk.misfiled(record.key(), event, FieldLimits.check(event),
                EventTimes.forRejection(event.getOccurredAt(), record.timestamp()));
        List<Record<String, QcDecisionEvent>> records = step.outputs().stream()
                .map(output -> QcEvents.record(key, output, record.timestamp())).toList();
        Outputs.requireWritable(records);
        records.forEach(context::forward);
        for (QcOutput output : step.outputs()) {
            if (output instanceof QcOutput.MeasurementRejected r) {
                metrics.rejected(r.reasons());
            }
        }
        metrics.input(event.getPayload().getClass().getSimpleName(), step.outcome());
    }
}
