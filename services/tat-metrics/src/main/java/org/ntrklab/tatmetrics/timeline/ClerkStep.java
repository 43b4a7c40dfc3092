package org.ntrklab.tatmetrics.timeline;

import java.util.List;

/** The timeline to keep (null with {@code evict} to forget it; null otherwise leaves it) and the events to write. */
public record ClerkStep(CaseTimeline state, boolean evict, List<TatOutput> outputs) {

    public ClerkStep {
        outputs = List.copyOf(outputs);
    }
}
