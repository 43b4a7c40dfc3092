package org.ntrklab.assaytracking;

import org.ntrklab.assaytracking.tracking.AssayCase;
import org.ntrklab.platform.cases.CaseGauge;
import org.ntrklab.platform.cases.CaseMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.ntrklab.assaytracking.tracking.TrackedOrder;
import org.ntrklab.assaytracking.tracking.TrackingOutput;
import org.ntrklab.events.AssayEventRejection;
import org.ntrklab.events.AssayState;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.RunFailureReason;
import org.ntrklab.platform.streams.TaskCounts;

/**
 * Assay-tracking metrics, with low-cardinality labels only (assay, state, reason, interpretation,
 * rejection); never an accession or order id. The open-order gauge is the sum of this instance's tasks:
 * the case runtime counts each task's store when the task starts and follows every change after that.
 */
public final class AssayTrackingMetrics implements CaseMetrics<TrackingOutput> {

    static final String OPEN = "ntrk.assays.open";
    static final String TRANSITIONS = "ntrk.assay.transitions";
    static final String RUN_FAILURES = "ntrk.assay.run.failures";
    static final String RESULTS = "ntrk.assay.results";
    static final String REJECTIONS = "ntrk.assay.event.rejections";
    static final String INPUTS = "ntrk.assay.tracking.inputs";

    private static final AssayState[] OPEN_STATES = {AssayState.ORDERED, AssayState.READY, AssayState.BLOCKED_QC,
        AssayState.IN_PROGRESS};

    private final MeterRegistry registry;
    private final TaskCounts open = new TaskCounts(AssayType.values().length * OPEN_STATES.length);

    public AssayTrackingMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (AssayType assay : AssayType.values()) {
            for (AssayState state : OPEN_STATES) {
                int slot = slot(assay, state);
                Gauge.builder(OPEN, open, counts -> counts.sum(slot))
                        .description("Assay orders not yet finished, by assay and state")
                        .tag("assay", assay.name()).tag("state", state.name()).register(registry);
            }
            for (RunFailureReason reason : RunFailureReason.values()) {
                runFailures(assay.name(), reason.name());
            }
        }
        for (AssayEventRejection r : AssayEventRejection.values()) {
            rejections(r.name());
        }
    }

    @Override
    public MeterRegistry registry() {
        return registry;
    }

    /** Open orders by assay and state, counted from each case's orders; the case runtime keeps it per task. */
    CaseGauge<AssayCase> openOrders() {
        return new CaseGauge<>(open, AssayTrackingMetrics::openOrders);
    }

    static long[] openOrders(AssayCase c) {
        long[] counts = new long[AssayType.values().length * OPEN_STATES.length];
        for (TrackedOrder o : c.orders().values()) {
            if (!o.terminal()) {
                counts[slot(o.assay(), o.state())]++;
            }
        }
        return counts;
    }

    @Override
    public void written(TrackingOutput output) {
        if (output instanceof TrackingOutput.StatusChanged s) {
            Counter.builder(TRANSITIONS).description("Assay order state changes, by assay and new state")
                    .tag("assay", s.assay().name()).tag("state", s.to().name()).register(registry).increment();
            if (s.to() == AssayState.RUN_FAILED) {
                runFailures(s.assay().name(), s.reason()).increment();
            }
        } else if (output instanceof TrackingOutput.Resulted r) {
            Counter.builder(RESULTS).description("Normalised assay results, by assay and interpretation")
                    .tag("assay", r.assay().name()).tag("interpretation", r.interpretation().name())
                    .register(registry).increment();
        } else if (output instanceof TrackingOutput.Rejected r) {
            rejections(r.rejection().name()).increment();
        }
    }

    @Override
    public void input(String type, String outcome) {
        Counter.builder(INPUTS).description("Events assay-tracking read, by what it made of them")
                .tag("type", type).tag("outcome", outcome).register(registry).increment();
    }

    private Counter runFailures(String assay, String reason) {
        return Counter.builder(RUN_FAILURES).description("Failed assay runs, by assay and coded reason")
                .tag("assay", assay).tag("reason", reason).register(registry);
    }

    private Counter rejections(String rejection) {
        return Counter.builder(REJECTIONS).description("Run events rejected, by reason")
                .tag("rejection", rejection).register(registry);
    }

    private static int slot(AssayType assay, AssayState state) {
        for (int i = 0; i < OPEN_STATES.length; i++) {
            if (OPEN_STATES[i] == state) {
                return assay.ordinal() * OPEN_STATES.length + i;
            }
        }
        throw new IllegalArgumentException(state + " is not an open state");
    }
}
