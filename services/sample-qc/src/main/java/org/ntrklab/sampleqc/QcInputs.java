package org.ntrklab.sampleqc;

import java.util.List;
import org.ntrklab.events.AccessionCancelled;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.QcMeasurementEvent;
import org.ntrklab.events.QcRejectionCode;
import org.ntrklab.events.QcRejectionReason;
import org.ntrklab.events.SpecimenAccessioned;
import org.ntrklab.platform.cases.Decision;
import org.ntrklab.platform.cases.AccessionReadings;
import org.ntrklab.platform.cases.Reading;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.events.EventTimes;
import org.ntrklab.platform.events.RecordKeys;
import org.ntrklab.platform.limits.FieldLimits;
import org.ntrklab.sampleqc.evaluation.QcCase;
import org.ntrklab.sampleqc.evaluation.QcDesk;
import org.ntrklab.sampleqc.evaluation.QcInput;
import org.ntrklab.sampleqc.evaluation.QcOutput;

/** Reads sample-qc's input records into the desk's inputs. */
final class QcInputs {

    private QcInputs() {
    }

    static Reading<QcInput, QcOutput> accession(String key, AccessionEvent event, long timestamp) {
        return AccessionReadings.read(key, event, QcInput.Accessioned::new, QcInput.Cancelled::new);
    }

    /** A measurement whose key is its accession number and whose fields keep their limits. */
    static Reading<QcInput, QcOutput> measurement(String key, QcMeasurementEvent event, long timestamp) {
        return Reading.forCase(event.getAccessionId(), new QcInput.Measured(event),
                event.getPayload().getClass().getSimpleName(), timestamp);
    }

    /**
     * A measurement record that cannot be filed under an accession (no value, a key that is not the event's
     * accession number, or a field outside its limits), answered before it reaches any case state; the
     * rejection names the offending fields, never their values.
     */
    static Reading<QcInput, QcOutput> misfiled(String key, QcMeasurementEvent event, long timestamp) {
        if (event == null) {
            if (!RecordKeys.nameable(key)) {
                throw new IllegalArgumentException("measurement record has no value and no usable key");
            }
            String causation = EventIds.ofRecordWithoutValue(key, timestamp);
            QcRejectionReason reason = QcRejectionReason.newBuilder().setCode(QcRejectionCode.MISSING_FIELD)
                    .setField(null).setDetail("record has no value; a QC measurement was expected").build();
            QcOutput rejection = new QcOutput.MeasurementRejected(causation, "empty", List.of(reason),
                    EventIds.derived(causation, "rejected"), EventTimes.forRejection(null, timestamp));
            return Reading.answered(key, List.of(rejection), "empty", "rejected", timestamp);
        }
        String answerKey = event.getAccessionId().isBlank() ? key : event.getAccessionId();
        if (!RecordKeys.nameable(answerKey)) {
            throw new IllegalArgumentException("measurement has neither a usable key nor an accessionId");
        }
        Decision<QcCase, QcOutput> answer = QcDesk.misfiled(key, event, FieldLimits.check(event),
                EventTimes.forRejection(event.getOccurredAt(), timestamp));
        return Reading.answered(answerKey, answer.outputs(), event.getPayload().getClass().getSimpleName(),
                answer.outcome(), timestamp);
    }
}
