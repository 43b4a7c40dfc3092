package org.ntrklab.assaytracking.tracking;

import java.util.List;

/**
 * The result of handling one input: the case state to keep (null to leave it unchanged, or with
 * {@code delete} to forget the case), the events to write, and an outcome name for metrics.
 */
public record TrackingStep(AssayCase state, boolean delete, List<TrackingOutput> outputs, String outcome) {

    public TrackingStep {
        outputs = List.copyOf(outputs);
    }

    static TrackingStep unchanged(String outcome) {
        return new TrackingStep(null, false, List.of(), outcome);
    }
}
