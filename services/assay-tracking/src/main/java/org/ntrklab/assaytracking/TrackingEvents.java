package org.ntrklab.assaytracking;

import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.assaytracking.tracking.TrackingOutput;
import org.ntrklab.events.AssayEventRejected;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.AssayStatusEvent;
import org.ntrklab.platform.events.Envelopes;

/** Turns the desk's outputs into ntrk.assay-status records: envelope, key and a valid record timestamp. */
final class TrackingEvents {

    static final String SOURCE = "assay-tracking";

    private TrackingEvents() {
    }

    static Record<String, AssayStatusEvent> record(String accessionId, TrackingOutput output, long inputTimestamp) {
        Object payload;
        if (output instanceof TrackingOutput.StatusChanged s) {
            payload = AssayStatusChanged.newBuilder().setOrderId(s.orderId()).setAssay(s.assay()).setFromState(s.from())
                    .setToState(s.to()).setRunId(s.runId()).setReason(s.reason()).build();
        } else if (output instanceof TrackingOutput.Resulted r) {
            payload = AssayResulted.newBuilder().setOrderId(r.orderId()).setAssay(r.assay()).setRunId(r.runId())
                    .setInterpretation(r.interpretation()).setResultDetails(r.details()).build();
        } else {
            TrackingOutput.Rejected r = (TrackingOutput.Rejected) output;
            payload = AssayEventRejected.newBuilder().setRejectedEventId(r.rejectedEventId()).setOrderId(r.orderId())
                    .setRunId(r.runId()).setRejection(r.rejection()).setDetail(r.detail()).setField(r.field()).build();
        }
        return Envelopes.record(AssayStatusEvent.class, accessionId, output.eventId(), output.occurredAt(), SOURCE,
                output.causationId(), payload, inputTimestamp);
    }
}
