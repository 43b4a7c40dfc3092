package org.ntrklab.simulator.lab;

import org.ntrklab.events.RunFailureReason;

/** What one assay model read on a specimen, before the bench adds its times. */
record Reading(Object details, RunFailureReason failure, String failureDetail, boolean fusionDetected) {

    static Reading result(Object details, boolean fusionDetected) {
        return new Reading(details, null, null, fusionDetected);
    }

    static Reading failed(RunFailureReason reason, String detail) {
        return new Reading(null, reason, detail, false);
    }

    boolean isFailure() {
        return failure != null;
    }
}
