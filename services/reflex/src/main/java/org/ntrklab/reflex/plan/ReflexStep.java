package org.ntrklab.reflex.plan;

import java.util.List;

/**
 * The result of handling one input: the case state to keep (null to leave it unchanged, or with
 * {@code delete} to forget the case), the events to write, an outcome name for metrics, and the
 * announcement that the case has settled (written after the outputs), or null.
 */
public record ReflexStep(ReflexCase state, boolean delete, List<ReflexOutput> outputs, String outcome,
        ReflexOutput.Settled settled) {

    public ReflexStep {
        outputs = List.copyOf(outputs);
    }

    public ReflexStep(ReflexCase state, boolean delete, List<ReflexOutput> outputs, String outcome) {
        this(state, delete, outputs, outcome, null);
    }

    /** Every event of the step in writing order: the outputs, then the settled announcement. */
    public List<ReflexOutput> written() {
        if (settled == null) {
            return outputs;
        }
        List<ReflexOutput> all = new java.util.ArrayList<>(outputs);
        all.add(settled);
        return all;
    }

    static ReflexStep unchanged(String outcome) {
        return new ReflexStep(null, false, List.of(), outcome);
    }
}
