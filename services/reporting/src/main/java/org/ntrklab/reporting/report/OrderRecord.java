package org.ntrklab.reporting.report;

import org.ntrklab.events.AssayInterpretation;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.RevisionReason;

/**
 * One assay order of an accession as reporting knows it.
 *
 * @param state the order's state as assay-tracking last reported it
 * @param trackedInterpretation the interpretation assay-tracking reported, for a RESULTED order; reflex
 *     acts on this one, so readiness is judged on it even after a correction
 * @param interpretation the interpretation the report uses: the tracked one, or the corrected one
 * @param finding what the result the report uses found (null until resulted)
 * @param reason coded reason of the last status change (run failure reason, QC_FAIL, ...)
 * @param correction who corrected the result, and why, when a pathologist corrected it; else null
 * @param trackedFinding what the result assay-tracking reported found, kept apart from a correction so
 *     that the same result delivered again is recognised and does not undo the correction
 */
public record OrderRecord(String orderId, AssayType assay, AssayState state, AssayInterpretation trackedInterpretation,
        AssayInterpretation interpretation, Finding finding, String reason, Correction correction,
        Finding trackedFinding) {

    /** A pathologist's correction of the result: the report says so in every version that uses it. */
    public record Correction(RevisionReason reason, String explanation, String pathologistRef) {
    }

    public static OrderRecord ordered(String orderId, AssayType assay) {
        return new OrderRecord(orderId, assay, AssayState.ORDERED, null, null, null, null, null, null);
    }

    /** Assay-tracking has nothing more to say about the order unless it is released or corrected. */
    public boolean settled() {
        return state == AssayState.RESULTED || state == AssayState.RUN_FAILED || state == AssayState.BLOCKED_QC
                || state == AssayState.CANCELLED;
    }

    public boolean resulted() {
        return state == AssayState.RESULTED && interpretation != null;
    }

    OrderRecord withStatus(AssayState newState, String newReason) {
        return new OrderRecord(orderId, assay, newState, trackedInterpretation, interpretation, finding, newReason,
                correction, trackedFinding);
    }

    OrderRecord withResult(AssayInterpretation tracked, Finding newFinding) {
        return new OrderRecord(orderId, assay, AssayState.RESULTED, tracked, tracked, newFinding, null, null,
                newFinding);
    }

    OrderRecord corrected(AssayInterpretation corrected, Finding newFinding, Correction why) {
        return new OrderRecord(orderId, assay, state, trackedInterpretation, corrected, newFinding, reason, why,
                trackedFinding);
    }
}
