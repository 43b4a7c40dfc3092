package org.ntrklab.assaytracking;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.assaytracking.tracking.TrackingOutput;
import org.ntrklab.events.AssayEventRejection;
import org.ntrklab.events.AssayRunCompleted;
import org.ntrklab.events.AssayRunEvent;
import org.ntrklab.events.AssayRunFailed;
import org.ntrklab.events.AssayRunStarted;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.platform.events.EventIds;
import org.ntrklab.platform.events.EventTimes;
import org.ntrklab.platform.events.OutsideText;
import org.ntrklab.platform.events.RecordKeys;
import org.ntrklab.platform.limits.FieldKind;
import org.ntrklab.platform.limits.FieldLimits;
import org.ntrklab.platform.limits.FieldViolation;
import org.ntrklab.platform.streams.Outputs;

/**
 * Answers run records that cannot be filed under an accession (no value, no accession, a key that is not
 * the event's accession number, or a field outside its limits) before they reach any order state. Order
 * and run ids are copied into the rejection only when they keep their limits; a field is named, never quoted.
 */
final class MisfiledRunProcessor implements Processor<String, AssayRunEvent, String, AssayStatusEvent> {

    private final AssayTrackingMetrics metrics;
    private ProcessorContext<String, AssayStatusEvent> context;

    MisfiledRunProcessor(AssayTrackingMetrics metrics) {
        this.metrics = metrics;
    }

    /** A run record that can go to its accession's order state. */
    static boolean filable(String key, AssayRunEvent event) {
        return event != null && key != null && !event.getAccessionId().isBlank() && event.getAccessionId().equals(key);
    }

    @Override
    public void init(ProcessorContext<String, AssayStatusEvent> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, AssayRunEvent> record) {
        AssayRunEvent event = record.value();
        String key = record.key();
        if (event == null) {
            if (!RecordKeys.nameable(key)) {
                throw new IllegalArgumentException("run record has no value and no usable key");
            }
            String causation = EventIds.ofRecordWithoutValue(key, record.timestamp());
            reject(key, causation, null, null, AssayEventRejection.MISSING_FIELD,
                    "record has no value; an assay run event was expected", null,
                    EventTimes.forRejection(null, record.timestamp()), record.timestamp(), "empty");
            return;
        }
        String accessionId = event.getAccessionId().isBlank() ? key : event.getAccessionId();
        if (!RecordKeys.nameable(accessionId)) {
            throw new IllegalArgumentException("run event has neither a usable key nor an accessionId");
        }
        Instant occurredAt = EventTimes.forRejection(event.getOccurredAt(), record.timestamp());
        String type = event.getPayload().getClass().getSimpleName();
        String orderId = identifier(orderId(event));
        String runId = identifier(runId(event));
        List<FieldViolation> violations = FieldLimits.check(event);
        if (!violations.isEmpty()) {
            // Every offending field is listed in the detail; the first is named in the field.
            String detail = violations.stream().limit(10).map(FieldViolation::detail).collect(Collectors.joining("; "));
            reject(accessionId, event.getEventId(), orderId, runId, AssayEventRejection.MALFORMED_VALUE, detail,
                    violations.get(0).field(), occurredAt, record.timestamp(), type);
            return;
        }
        AssayEventRejection rejection = event.getAccessionId().isBlank() ? AssayEventRejection.MISSING_FIELD
                : AssayEventRejection.WRONG_KEY;
        String detail = event.getAccessionId().isBlank() ? "accessionId is blank"
                : "record key " + OutsideText.quote(key) + " is not the event's accessionId; runs must be keyed by accession";
        reject(accessionId, event.getEventId(), orderId, runId, rejection, detail, "accessionId", occurredAt,
                record.timestamp(), type);
    }

    private void reject(String key, String causation, String orderId, String runId, AssayEventRejection rejection,
            String detail, String field, Instant occurredAt, long timestamp, String type) {
        TrackingOutput.Rejected r = new TrackingOutput.Rejected(causation, orderId, runId, rejection, detail,
                EventIds.derived(causation, "rejected"), causation, occurredAt, field);
        Record<String, AssayStatusEvent> out = TrackingEvents.record(key, r, timestamp);
        Outputs.requireWritable(out.value());
        context.forward(out);
        metrics.written("misfiled", r);
        metrics.input(type, "rejected_" + rejection.name().toLowerCase());
    }

    private static String identifier(String value) {
        return FieldKind.IDENTIFIER.fits(value) ? value : null;
    }

    private static String orderId(AssayRunEvent e) {
        Object p = e.getPayload();
        if (p instanceof AssayRunStarted s) {
            return s.getOrderId();
        }
        return p instanceof AssayRunCompleted c ? c.getOrderId() : ((AssayRunFailed) p).getOrderId();
    }

    private static String runId(AssayRunEvent e) {
        Object p = e.getPayload();
        if (p instanceof AssayRunStarted s) {
            return s.getRunId();
        }
        return p instanceof AssayRunCompleted c ? c.getRunId() : ((AssayRunFailed) p).getRunId();
    }
}
