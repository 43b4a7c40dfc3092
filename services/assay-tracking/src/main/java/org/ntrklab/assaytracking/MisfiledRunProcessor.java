package org.ntrklab.assaytracking;

import java.time.Instant;
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
import org.ntrklab.platform.events.OutsideText;

/**
 * Answers run records that cannot be filed under an accession (no value, no accession, or a key that is
 * not the event's accession number) before they reach any order state.
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
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("run record has neither a key nor a value");
            }
            String causation = EventIds.ofRecordWithoutValue(key, record.timestamp());
            reject(key, causation, null, null, AssayEventRejection.MISSING_FIELD,
                    "record has no value; an assay run event was expected", Instant.ofEpochMilli(Math.max(0, record.timestamp())),
                    record.timestamp(), "empty");
            return;
        }
        String accessionId = event.getAccessionId().isBlank() ? key : event.getAccessionId();
        if (accessionId == null || accessionId.isBlank()) {
            throw new IllegalArgumentException("run event " + event.getEventId() + " has neither a key nor an accessionId");
        }
        AssayEventRejection rejection = event.getAccessionId().isBlank() ? AssayEventRejection.MISSING_FIELD
                : AssayEventRejection.WRONG_KEY;
        String detail = event.getAccessionId().isBlank() ? "accessionId is blank"
                : "record key " + OutsideText.quote(key) + " is not the event's accessionId; runs must be keyed by accession";
        reject(accessionId, event.getEventId(), orderId(event), runId(event), rejection, detail, event.getOccurredAt(),
                record.timestamp(), event.getPayload().getClass().getSimpleName());
    }

    private void reject(String key, String causation, String orderId, String runId, AssayEventRejection rejection,
            String detail, Instant occurredAt, long timestamp, String type) {
        TrackingOutput.Rejected r = new TrackingOutput.Rejected(causation, orderId, runId, rejection, detail,
                EventIds.derived(causation, "rejected"), causation, occurredAt);
        context.forward(TrackingEvents.record(key, r, timestamp));
        metrics.written("misfiled", r);
        metrics.input(type, "rejected_" + rejection.name().toLowerCase());
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
