package org.ntrklab.sampleqc;

import org.ntrklab.platform.cases.CaseMetrics;
import org.ntrklab.sampleqc.evaluation.QcOutput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.QcFinding;
import org.ntrklab.events.QcRejectionReason;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.sampleqc.evaluation.QcDecision;

/**
 * Sample-QC counters, with low-cardinality labels only (assay, verdict, rule id, outcome, code); never an
 * accession id.
 */
public final class SampleQcMetrics implements CaseMetrics<QcOutput> {

    static final String DECISIONS = "ntrk.qc.decisions";
    static final String FINDINGS = "ntrk.qc.findings";
    static final String INPUTS = "ntrk.qc.inputs";
    static final String MEASUREMENT_REJECTIONS = "ntrk.qc.measurement.rejections";

    private final MeterRegistry registry;

    public SampleQcMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Every assay x verdict series exists from start-up, so rates and ratios work before the first case.
        for (AssayType assay : AssayType.values()) {
            for (QcVerdict verdict : QcVerdict.values()) {
                decisionCounter(assay.name(), verdict.name());
            }
        }
    }

    @Override
    public MeterRegistry registry() {
        return registry;
    }

    public void decided(QcDecision decision) {
        decisionCounter(decision.assay().name(), decision.verdict().name()).increment();
        for (QcFinding f : decision.findings()) {
            if (f.getVerdict() != QcVerdict.PASS) {
                Counter.builder(FINDINGS).description("QC findings that failed or caveated a decision, by rule")
                        .tag("rule", f.getRuleId()).tag("metric", f.getMetric().name())
                        .tag("verdict", f.getVerdict().name()).register(registry).increment();
            }
        }
    }

    @Override
    public void written(QcOutput output) {
        if (output instanceof QcOutput.Decided d) {
            decided(d.decision());
        } else if (output instanceof QcOutput.MeasurementRejected r) {
            rejected(r.reasons());
        }
    }

    @Override
    public void input(String type, String outcome) {
        Counter.builder(INPUTS).description("Accession and measurement events by what sample-qc made of them")
                .tag("type", type).tag("outcome", outcome).register(registry).increment();
    }

    public void rejected(Iterable<QcRejectionReason> reasons) {
        for (QcRejectionReason r : reasons) {
            Counter.builder(MEASUREMENT_REJECTIONS).description("Reasons of rejected QC measurements")
                    .tag("code", r.getCode().name()).register(registry).increment();
        }
    }

    private Counter decisionCounter(String assay, String verdict) {
        return Counter.builder(DECISIONS).description("QC decisions written, by assay and verdict")
                .tag("assay", assay).tag("verdict", verdict).register(registry);
    }
}
