package org.ntrklab.assaytracking.tracking;

import java.util.ArrayList;
import java.util.List;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;

/**
 * One assay order's lifecycle state.
 *
 * @param runId the run serving the order, once started
 * @param acceptedEventIds run events already applied to this order, so a resent event is not rejected as a
 *     second completion
 */
public record TrackedOrder(String orderId, AssayType assay, AssayState state, String runId,
        List<String> acceptedEventIds) {

    public TrackedOrder {
        acceptedEventIds = acceptedEventIds == null ? List.of() : List.copyOf(acceptedEventIds);
    }

    public boolean terminal() {
        return terminal(state);
    }

    public static boolean terminal(AssayState state) {
        return state == AssayState.RESULTED || state == AssayState.RUN_FAILED || state == AssayState.CANCELLED;
    }

    TrackedOrder moved(AssayState to) {
        return new TrackedOrder(orderId, assay, to, runId, acceptedEventIds);
    }

    TrackedOrder accepted(String eventId, AssayState to, String newRunId) {
        List<String> ids = new ArrayList<>(acceptedEventIds);
        ids.add(eventId);
        return new TrackedOrder(orderId, assay, to, newRunId, ids);
    }
}
