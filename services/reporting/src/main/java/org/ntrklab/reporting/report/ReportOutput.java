package org.ntrklab.reporting.report;

import java.time.Instant;
import org.ntrklab.events.ReportCommandRejection;

/** An event reporting writes to ntrk.reports. */
public sealed interface ReportOutput {

    String eventId();

    String causationId();

    Instant occurredAt();

    /** A version drafted and awaiting sign-out. */
    record Drafted(ReportVersion version, String eventId, String causationId, Instant occurredAt)
            implements ReportOutput {
    }

    /** A version issued: FINAL, AMENDED or CORRECTED. */
    record Issued(ReportVersion version, String eventId, String causationId, Instant occurredAt)
            implements ReportOutput {
    }

    /**
     * A command on lab.report-commands that was not carried out, and why.
     *
     * @param field the offending field, when one field is at fault
     */
    record Rejected(String rejectedEventId, String command, ReportCommandRejection rejection, String detail,
            String eventId, String causationId, Instant occurredAt, String field) implements ReportOutput {

        public Rejected(String rejectedEventId, String command, ReportCommandRejection rejection, String detail,
                String eventId, String causationId, Instant occurredAt) {
            this(rejectedEventId, command, rejection, detail, eventId, causationId, occurredAt, null);
        }
    }
}
