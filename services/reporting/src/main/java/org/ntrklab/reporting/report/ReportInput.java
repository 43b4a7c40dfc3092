package org.ntrklab.reporting.report;

import org.ntrklab.events.AssayOrdered;
import org.ntrklab.events.AssayResulted;
import org.ntrklab.events.AssayStatusChanged;
import org.ntrklab.events.ReflexRecommended;
import org.ntrklab.events.ReflexSettled;
import org.ntrklab.events.ReportSignOutRequested;
import org.ntrklab.events.ResultCorrectionRequested;
import org.ntrklab.events.SpecimenAccessioned;

/**
 * What the report desk decides on, read from ntrk.accessions, ntrk.assay-orders, ntrk.assay-status,
 * ntrk.qc-decisions and lab.report-commands (each keyed by its accession, which has been checked).
 */
public sealed interface ReportInput {

    /** The specimen was accessioned: its facts head the report. */
    record Accessioned(ReportDesk.Cause cause, SpecimenAccessioned accessioned) implements ReportInput {
    }

    /** The accession was cancelled: no report is drafted or signed out for it any more. */
    record Cancelled() implements ReportInput {
    }

    /** An assay was ordered: testing continues. */
    record Ordered(AssayOrdered ordered) implements ReportInput {
    }

    /** Reflex's advice, quoted in the report. */
    record Advised(ReportDesk.Cause cause, ReflexRecommended advice) implements ReportInput {
    }

    /** Reflex announced the case settled with these orders' outcomes. */
    record Settled(ReportDesk.Cause cause, ReflexSettled settled) implements ReportInput {
    }

    /** An assay's result. */
    record Resulted(ReportDesk.Cause cause, AssayResulted result) implements ReportInput {
    }

    /** An assay's change of state. */
    record StatusChanged(ReportDesk.Cause cause, AssayStatusChanged status) implements ReportInput {
    }

    /** Sample-qc's decision on one assay. */
    record QcDecided(ReportDesk.Cause cause, org.ntrklab.events.QcDecided decision) implements ReportInput {
    }

    /**
     * A pathologist's sign-out.
     *
     * @param signerName the signer's display name, when the command's sender is the signer; may be null
     */
    record SignOutRequested(ReportDesk.Cause cause, ReportSignOutRequested command, String signerName)
            implements ReportInput {
    }

    /**
     * A pathologist's correction of a result.
     *
     * @param signerName the corrector's display name, when the command's sender is the corrector; may be null
     */
    record CorrectionRequested(ReportDesk.Cause cause, ResultCorrectionRequested command, String signerName)
            implements ReportInput {
    }
}
