package org.ntrklab.assaytracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ntrklab.assaytracking.tracking.AssayCase;
import org.ntrklab.assaytracking.tracking.TrackedOrder;
import org.ntrklab.platform.cases.CaseGauge;
import org.ntrklab.assaytracking.tracking.TrackingOutput;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;

/**
 * The open-orders gauge: what each case counts, summed over this instance's tasks and dropped for a task
 * that moved (the case runtime recounts a task when it starts and follows every change; the topology test
 * follows the gauge through transitions).
 */
class AssayTrackingMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AssayTrackingMetrics metrics = new AssayTrackingMetrics(registry);

    private double open(AssayType assay, AssayState state) {
        return registry.get(AssayTrackingMetrics.OPEN).tags("assay", assay.name(), "state", state.name()).gauge().value();
    }

    private static AssayCase caseWith(TrackedOrder... orders) {
        Map<String, TrackedOrder> byId = new LinkedHashMap<>();
        for (TrackedOrder o : orders) {
            byId.put(o.orderId(), o);
        }
        return new AssayCase("NT26-00-000001", false, Map.of(), byId, 0);
    }

    @Test
    void theGaugeCountsEachTasksOpenOrdersByAssayAndStateAndForgetsMovedTasks() {
        CaseGauge<AssayCase> gauge = metrics.openOrders();
        // Task 0_0 holds two open orders and a finished one; task 0_1 holds one.
        AssayCase first = caseWith(
                new TrackedOrder("A", AssayType.RNA_NGS, AssayState.IN_PROGRESS, "R", List.of()),
                new TrackedOrder("B", AssayType.RNA_NGS, AssayState.READY, null, List.of()),
                new TrackedOrder("C", AssayType.RNA_NGS, AssayState.RESULTED, "R", List.of()));
        gauge.counts().reset("0_0", gauge.countsOf().apply(first));
        gauge.counts().reset("0_1", gauge.countsOf().apply(caseWith(
                new TrackedOrder("D", AssayType.RNA_NGS, AssayState.IN_PROGRESS, "R", List.of()))));
        assertThat(open(AssayType.RNA_NGS, AssayState.IN_PROGRESS)).isEqualTo(2);
        assertThat(open(AssayType.RNA_NGS, AssayState.READY)).isEqualTo(1);
        assertThat(registry.find(AssayTrackingMetrics.OPEN).tag("state", "RESULTED").gauge()).as("finished orders are not open")
                .isNull();

        // Task 0_1 moves to another instance: its order is counted there, not here any more.
        gauge.counts().forget("0_1");
        assertThat(open(AssayType.RNA_NGS, AssayState.IN_PROGRESS)).isEqualTo(1);
    }

    @Test
    void writtenEventsAreCountedByAssayAndState() {
        metrics.written(new TrackingOutput.StatusChanged("O-1", AssayType.RNA_NGS, AssayState.READY,
                AssayState.IN_PROGRESS, "R-1", null, "e", "c", Instant.EPOCH));
        assertThat(registry.get(AssayTrackingMetrics.TRANSITIONS).tags("assay", "RNA_NGS", "state", "IN_PROGRESS")
                .counter().count()).isEqualTo(1);
    }
}
