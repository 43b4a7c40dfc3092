package org.ntrklab.reflex.plan;

import java.util.List;

/**
 * The result of handling one input: the case state to keep (null to leave it unchanged, or with
 * {@code delete} to forget the case), the events to write, and an outcome name for metrics.
 */
public record ReflexStep(ReflexCase state, boolean delete, List<ReflexOutput> outputs, String outcome) {

    public ReflexStep {
        outputs = List.copyOf(outputs);
    }

    static ReflexStep unchanged(String outcome) {
        return new ReflexStep(null, false, List.of(), outcome);
    }
}
