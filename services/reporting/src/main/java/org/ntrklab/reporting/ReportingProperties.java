package org.ntrklab.reporting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reporting settings, under {@code ntrk.reporting}.
 *
 * @param autoSignOut issue every drafted report at once as FINAL, signed by {@code autoSignOutBy}. For
 *     demonstrations and load tests only: in a laboratory a pathologist signs out every report
 * @param autoSignOutBy the staff identifier recorded as signing automatically issued reports
 * @param hl7 identifiers the HL7 v2 export puts in its message header
 * @param simulatedTime take a sign-out's or correction's time from its {@code X-Ntrk-Lab-Time} header, so a
 *     simulation's turnaround is in its lab time. For simulations only (the lab stack's demo sets it): any
 *     caller with the pathologist role could then back-date a command
 * @param idleRetention how long a settled case (cancelled, or issued with no draft open) is kept after its last
 *     change: a correction after that is refused as for an unknown accession; the reports stay on ntrk.reports
 * @param housekeepingInterval how often settled cases past their retention are forgotten
 */
@ConfigurationProperties("ntrk.reporting")
public record ReportingProperties(@DefaultValue("false") boolean autoSignOut,
        @DefaultValue("AUTO-SIGN-OUT") String autoSignOutBy, @DefaultValue Hl7 hl7,
        @DefaultValue("false") boolean simulatedTime, @DefaultValue("400d") Duration idleRetention,
        @DefaultValue("1h") Duration housekeepingInterval) {

    public ReportingProperties {
        if (autoSignOutBy == null || autoSignOutBy.isBlank()) {
            throw new IllegalArgumentException("ntrk.reporting.auto-sign-out-by must not be blank");
        }
    }

    /** MSH-3..MSH-6 of exported ORU^R01 messages. */
    public record Hl7(@DefaultValue("NTRK-LAB-WORKFLOW") String sendingApplication,
            @DefaultValue("NTRK-LAB") String sendingFacility, @DefaultValue("") String receivingApplication,
            @DefaultValue("") String receivingFacility) {
    }
}
