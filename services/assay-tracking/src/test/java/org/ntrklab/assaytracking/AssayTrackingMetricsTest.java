package org.ntrklab.assaytracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntrklab.assaytracking.tracking.TrackedOrder;
import org.ntrklab.assaytracking.tracking.TrackingOutput;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;

/** The open-orders gauge across task starts, transitions and task moves (rebalances, restarts). */
class AssayTrackingMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AssayTrackingMetrics metrics = new AssayTrackingMetrics(registry);

    private double open(AssayType assay, AssayState state) {
        return registry.get(AssayTrackingMetrics.OPEN).tags("assay", assay.name(), "state", state.name()).gauge().value();
    }

    private static TrackingOutput.StatusChanged moved(AssayType assay, AssayState from, AssayState to) {
        return new TrackingOutput.StatusChanged("O-1", assay, from, to, "R-1", null, "e", "c", Instant.EPOCH);
    }

    @Test
    void theGaugeCountsEachTaskFromItsStoreFollowsTransitionsAndForgetsMovedTasks() {
        // Task 0_0 restores two open orders and a finished one; task 0_1 restores one.
        metrics.recount("0_0", List.of(
                new TrackedOrder("A", AssayType.RNA_NGS, AssayState.IN_PROGRESS, "R", List.of()),
                new TrackedOrder("B", AssayType.RNA_NGS, AssayState.READY, null, List.of()),
                new TrackedOrder("C", AssayType.RNA_NGS, AssayState.RESULTED, "R", List.of())));
        metrics.recount("0_1", List.of(new TrackedOrder("D", AssayType.RNA_NGS, AssayState.IN_PROGRESS, "R", List.of())));
        assertThat(open(AssayType.RNA_NGS, AssayState.IN_PROGRESS)).isEqualTo(2);
        assertThat(open(AssayType.RNA_NGS, AssayState.READY)).isEqualTo(1);

        metrics.written("0_0", moved(AssayType.RNA_NGS, AssayState.READY, AssayState.IN_PROGRESS));
        metrics.written("0_0", moved(AssayType.RNA_NGS, AssayState.IN_PROGRESS, AssayState.RESULTED));
        metrics.written("0_0", moved(AssayType.PAN_TRK_IHC, null, AssayState.ORDERED));
        assertThat(open(AssayType.RNA_NGS, AssayState.IN_PROGRESS)).isEqualTo(2);
        assertThat(open(AssayType.RNA_NGS, AssayState.READY)).isZero();
        assertThat(open(AssayType.PAN_TRK_IHC, AssayState.ORDERED)).isEqualTo(1);

        // Task 0_1 moves to another instance: its order is counted there, not here any more.
        metrics.forget("0_1");
        assertThat(open(AssayType.RNA_NGS, AssayState.IN_PROGRESS)).isEqualTo(1);
        // A restart counts the task again from its store rather than adding to the old count.
        metrics.recount("0_0", List.of(new TrackedOrder("A", AssayType.RNA_NGS, AssayState.IN_PROGRESS, "R", List.of())));
        assertThat(open(AssayType.RNA_NGS, AssayState.IN_PROGRESS)).isEqualTo(1);
        assertThat(open(AssayType.PAN_TRK_IHC, AssayState.ORDERED)).isZero();
    }
}
