package org.ntrklab.accessioning;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.ntrklab.events.AccessionEvent;
import org.ntrklab.events.RejectionReason;
import org.ntrklab.events.SpecimenRejected;
import org.ntrklab.platform.cases.CaseMetrics;

/**
 * Accessioning counters. Labels are low-cardinality by construction: event kind, outcome, rejection code
 * and rule id; never a specimen or accession id.
 */
public final class AccessioningMetrics implements CaseMetrics<AccessionEvent> {

    static final String EVENTS = "ntrk.accessioning.events";
    static final String REJECTION_REASONS = "ntrk.accessioning.rejection.reasons";

    private final MeterRegistry registry;

    public AccessioningMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Register every series at zero so that dashboards and rate() see them before the first event.
        for (String event : new String[] {"SpecimenReceived", "SpecimenCancelled", "empty"}) {
            for (String outcome : new String[] {"accessioned", "rejected", "cancelled", "duplicate"}) {
                counter(event, outcome);
            }
        }
    }

    @Override
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void input(String event, String outcome) {
        counter(event, outcome).increment();
    }

    /** Counts the reasons of every rejection written. */
    @Override
    public void written(AccessionEvent event) {
        if (event.getPayload() instanceof SpecimenRejected rejected) {
            rejected(rejected.getReasons());
        }
    }

    public void rejected(Iterable<RejectionReason> reasons) {
        for (RejectionReason r : reasons) {
            Counter.builder(REJECTION_REASONS).description("Reasons of rejected LIMS specimen events")
                    .tag("code", r.getCode().name()).tag("rule", r.getRuleId()).register(registry).increment();
        }
    }

    private Counter counter(String event, String outcome) {
        return Counter.builder(EVENTS).description("LIMS specimen events by what accessioning made of them")
                .tag("event", event).tag("outcome", outcome).register(registry);
    }
}
