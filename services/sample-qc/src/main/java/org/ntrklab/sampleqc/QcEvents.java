package org.ntrklab.sampleqc;

import java.time.Instant;
import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcDecisionEvent;
import org.ntrklab.events.QcMeasurementRejected;
import org.ntrklab.platform.events.Envelopes;
import org.ntrklab.sampleqc.evaluation.QcOutput;

/** Turns the desk's outputs into ntrk.qc-decisions records: envelope, key and a valid record timestamp. */
final class QcEvents {

    static final String SOURCE = "sample-qc";

    private QcEvents() {
    }

    static Record<String, QcDecisionEvent> record(String key, QcOutput output, long inputTimestamp) {
        if (output instanceof QcOutput.Decided d) {
            QcDecided payload = QcDecided.newBuilder()
                    .setAssay(d.decision().assay())
                    .setVerdict(d.decision().verdict())
                    .setFindings(d.decision().findings())
                    .setRuleSetVersion(d.decision().ruleSetVersion())
                    .setSupersedesEventId(d.supersedesEventId())
                    .build();
            return record(key, d.eventId(), d.causationId(), d.occurredAt(), inputTimestamp, payload);
        }
        QcOutput.MeasurementRejected r = (QcOutput.MeasurementRejected) output;
        QcMeasurementRejected payload = QcMeasurementRejected.newBuilder()
                .setMeasurementEventId(r.measurementEventId())
                .setMeasurementType(r.measurementType())
                .setReasons(r.reasons())
                .build();
        return record(key, r.eventId(), r.measurementEventId(), r.occurredAt(), inputTimestamp, payload);
    }

    private static Record<String, QcDecisionEvent> record(String key, String eventId, String causationId,
            Instant occurredAt, long inputTimestamp, Object payload) {
        return Envelopes.record(QcDecisionEvent.class, key, eventId, occurredAt, SOURCE, causationId, payload,
                inputTimestamp);
    }
}
