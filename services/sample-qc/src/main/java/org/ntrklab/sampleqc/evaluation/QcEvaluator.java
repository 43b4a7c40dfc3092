package org.ntrklab.sampleqc.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.QcFinding;
import org.ntrklab.events.QcMetric;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.sampleqc.rules.MetricSource;
import org.ntrklab.sampleqc.rules.QcRule;
import org.ntrklab.sampleqc.rules.QcRuleTable;

/**
 * Judges one assay of one accession against the rule table. A decision is made once every measurement
 * the assay's rules need has arrived; earlier only if the specimen already fails on what is known (e.g.
 * acid decalcification), since no measurement can rescue it.
 */
public final class QcEvaluator {

    /** Rule id of the finding written when no rule of the table covers an assay on a specimen. */
    public static final String NO_RULE = "QC-NO-RULE";

    private final QcRuleTable table;

    public QcEvaluator(QcRuleTable table) {
        this.table = table;
    }

    public QcRuleTable table() {
        return table;
    }

    /** The decision, or empty while measurements the assay needs are still to come. */
    public Optional<QcDecision> evaluate(AssayType assay, SpecimenFacts specimen,
            Map<MetricSource, Measurement> measurements) {
        List<QcRule> rules = table.rulesFor(assay, specimen.specimenType(), specimen.bloodTubeType());
        if (rules.isEmpty()) {
            return Optional.of(new QcDecision(assay, QcVerdict.FAIL, List.of(noRule(assay, specimen)), table.version()));
        }
        List<QcFinding> findings = new ArrayList<>();
        boolean waiting = false;
        for (QcRule rule : rules) {
            MetricSource source = MetricSource.of(rule.metric());
            Measurement measurement = measurements.get(source);
            if (source.measured() && measurement == null) {
                waiting = true;
                continue;
            }
            findings.add(Judgement.judge(rule, specimen, measurement));
        }
        QcVerdict verdict = worst(findings);
        if (waiting && verdict != QcVerdict.FAIL) {
            return Optional.empty();
        }
        return Optional.of(new QcDecision(assay, verdict, findings, table.version()));
    }

    /**
     * An assay is fit for a specimen only when a validated rule says so: a table that covers no rule for
     * it (e.g. a lab's table restricted to other specimen types) fails the assay visibly instead of
     * passing it unexamined.
     */
    private QcFinding noRule(AssayType assay, SpecimenFacts specimen) {
        return QcFinding.newBuilder()
                .setRuleId(NO_RULE)
                .setMetric(QcMetric.SPECIMEN_TYPE)
                .setMeasuredCategory(specimen.specimenType().name())
                .setThreshold("at least one rule of table " + table.version() + " must cover the assay on this specimen")
                .setVerdict(QcVerdict.FAIL)
                .setRationale("no QC rule covers " + assay + " on " + specimen.specimenType()
                        + (specimen.bloodTubeType() == null ? "" : " in " + specimen.bloodTubeType()))
                .setReference("[D] an assay is fit only where a validated rule says so")
                .build();
    }

    static QcVerdict worst(List<QcFinding> findings) {
        QcVerdict worst = QcVerdict.PASS;
        for (QcFinding f : findings) {
            if (f.getVerdict() == QcVerdict.FAIL) {
                return QcVerdict.FAIL;
            }
            if (f.getVerdict() == QcVerdict.PASS_WITH_CAVEAT) {
                worst = QcVerdict.PASS_WITH_CAVEAT;
            }
        }
        return worst;
    }
}
