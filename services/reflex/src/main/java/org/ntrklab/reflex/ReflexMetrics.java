package org.ntrklab.reflex;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.OrderReason;
import org.ntrklab.platform.cases.CaseGauge;
import org.ntrklab.platform.cases.CaseMetrics;
import org.ntrklab.platform.streams.TaskCounts;
import org.ntrklab.reflex.plan.ReflexCase;
import org.ntrklab.reflex.plan.ReflexOutput;
import org.ntrklab.reflex.rules.ReflexRule;

/**
 * Reflex metrics, with low-cardinality labels only (reason, rule id, assay, recommendation, outcome);
 * never an accession id or a tumour code. The waiting gauge is the sum of this instance's tasks, which the
 * case runtime counts from each task's store when it starts and follows on every change after that.
 */
public final class ReflexMetrics implements CaseMetrics<ReflexOutput> {

    static final String ORDERS = "ntrk.reflex.orders";
    static final String RECOMMENDATIONS = "ntrk.reflex.recommendations";
    static final String UNLISTED = "ntrk.reflex.unlisted.tumour.types";
    static final String INPUTS = "ntrk.reflex.inputs";
    static final String WAITING = "ntrk.reflex.cases.waiting.for.qc";
    static final String SETTLED = "ntrk.reflex.cases.settled";

    private final MeterRegistry registry;
    private final TaskCounts waiting = new TaskCounts(1);

    public ReflexMetrics(MeterRegistry registry) {
        this.registry = registry;
        // The series the dashboard's reflex-rate panel divides by exist from start-up.
        for (AssayType assay : AssayType.values()) {
            orders(OrderReason.INITIAL.name(), ReflexRule.ROUTE_IHC_SCREEN.id(), assay.name());
        }
        Gauge.builder(WAITING, waiting, counts -> counts.sum(0))
                .description("Accessions with an order the rules want but cannot place until a QC decision arrives")
                .register(registry);
        Counter.builder(SETTLED).description("Announcements that an accession has nothing more to order or wait for"
                + " (reporting drafts on them)").register(registry);
        Counter.builder(UNLISTED).description("Work-ups whose OncoTree code is in no route of the reflex rule table"
                + " and so took the default route").register(registry);
    }

    @Override
    public MeterRegistry registry() {
        return registry;
    }

    /** The gauge of cases waiting for a QC decision, kept per task by the case runtime. */
    CaseGauge<ReflexCase> waitingForQc() {
        return CaseGauge.counting(waiting, c -> !c.cancelled() && !c.pending().isEmpty());
    }

    @Override
    public void written(ReflexOutput output) {
        if (output instanceof ReflexOutput.Ordered o) {
            orders(o.reason().name(), o.ruleId(), o.assay().name()).increment();
        } else if (output instanceof ReflexOutput.Recommended r) {
            Counter.builder(RECOMMENDATIONS).description("Advice that cannot be ordered automatically, by rule")
                    .tag("recommendation", r.recommendation().name()).tag("rule", r.ruleId())
                    .register(registry).increment();
        } else if (output instanceof ReflexOutput.Settled) {
            registry.counter(SETTLED).increment();
        }
    }

    /** Counts each input by what reflex made of it; a work-up planned on the default route is also counted. */
    @Override
    public void input(String type, String outcome) {
        Counter.builder(INPUTS).description("Events reflex read, by what it made of them")
                .tag("type", type).tag("outcome", outcome).register(registry).increment();
        if (outcome.endsWith("unlisted_code")) {
            registry.counter(UNLISTED).increment();
        }
    }

    private Counter orders(String reason, String rule, String assay) {
        return Counter.builder(ORDERS).description("Assay orders written, by reason, rule id and assay")
                .tag("reason", reason).tag("rule", rule).tag("assay", assay).register(registry);
    }
}
