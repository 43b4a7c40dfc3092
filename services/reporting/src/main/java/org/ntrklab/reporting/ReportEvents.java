package org.ntrklab.reporting;

import org.apache.kafka.streams.processor.api.Record;
import org.ntrklab.events.ReportCommandRejected;
import org.ntrklab.events.ReportDrafted;
import org.ntrklab.events.ReportEvent;
import org.ntrklab.events.ReportIssued;
import org.ntrklab.events.ReportStatus;
import org.ntrklab.platform.events.Envelopes;
import org.ntrklab.reporting.report.ReportOutput;
import org.ntrklab.reporting.report.ReportVersion;

/** Turns the desk's outputs into ntrk.reports records: envelope, key and a valid record timestamp. */
final class ReportEvents {

    static final String SOURCE = "reporting";

    private ReportEvents() {
    }

    static Record<String, ReportEvent> record(String accessionId, ReportOutput output, long inputTimestamp) {
        Object payload;
        if (output instanceof ReportOutput.Drafted d) {
            payload = ReportDrafted.newBuilder().setVersion(d.version().version())
                    .setContent(ReportContents.of(d.version().body())).build();
        } else if (output instanceof ReportOutput.Issued i) {
            ReportVersion v = i.version();
            payload = ReportIssued.newBuilder().setVersion(v.version()).setStatus(ReportStatus.valueOf(v.kind().name()))
                    .setContent(ReportContents.of(v.body())).setSignedOutBy(v.signedOutBy())
                    .setSupersedesVersion(v.supersedes()).setRevisionReason(v.revisionReason())
                    .setRevisionExplanation(v.revisionExplanation()).setSignedOutByName(v.signedOutByName()).build();
        } else {
            ReportOutput.Rejected r = (ReportOutput.Rejected) output;
            payload = ReportCommandRejected.newBuilder().setRejectedEventId(r.rejectedEventId()).setCommand(r.command())
                    .setRejection(r.rejection()).setDetail(r.detail()).setField(r.field()).build();
        }
        return Envelopes.record(ReportEvent.class, accessionId, output.eventId(), output.occurredAt(), SOURCE,
                output.causationId(), payload, inputTimestamp);
    }
}
