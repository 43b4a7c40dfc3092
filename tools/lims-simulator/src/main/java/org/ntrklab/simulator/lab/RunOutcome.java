package org.ntrklab.simulator.lab;

import java.time.Duration;
import java.util.Objects;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.RunFailureReason;

/**
 * How one run of an order went. Durations are working time (one day = one working day, see
 * {@link LabCalendar#plusWorkingTime}).
 *
 * @param startAfter queueing from the release of the order to the run start (AssayRunStarted)
 * @param runTime bench or instrument time from the start to the result or the failure
 * @param resultDetails IhcResult, FishResult, RtPcrResult, NgsResult or CfDnaResult for AssayRunCompleted;
 *     null when the run failed
 * @param failure the AssayRunFailed reason; null when the run gave a result
 * @param failureDetail instrument detail for AssayRunFailed, never patient information
 * @param fusionDetected a molecular method reported the tumour's fusion (always false for pan-TRK IHC, which
 *     shows expression, not a fusion)
 */
public record RunOutcome(AssayType assay, Duration startAfter, Duration runTime, Object resultDetails,
        RunFailureReason failure, String failureDetail, boolean fusionDetected) {

    public RunOutcome {
        Objects.requireNonNull(assay, "assay");
        Objects.requireNonNull(startAfter, "startAfter");
        Objects.requireNonNull(runTime, "runTime");
        if ((resultDetails == null) == (failure == null)) {
            throw new IllegalArgumentException("a run either gives a result or fails, not both or neither");
        }
        if (fusionDetected && (failure != null || assay == AssayType.PAN_TRK_IHC)) {
            throw new IllegalArgumentException("only a completed molecular run can detect a fusion");
        }
    }

    public boolean failed() {
        return failure != null;
    }

    static RunOutcome completed(AssayType assay, Duration startAfter, Duration runTime, Object details,
            boolean fusionDetected) {
        return new RunOutcome(assay, startAfter, runTime, details, null, null, fusionDetected);
    }

    static RunOutcome failed(AssayType assay, Duration startAfter, Duration runTime, RunFailureReason reason,
            String detail) {
        return new RunOutcome(assay, startAfter, runTime, null, reason, detail, false);
    }
}
