package org.ntrklab.sampleqc.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.QcFinding;
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
        List<QcFinding> findings = new ArrayList<>();
        boolean waiting = false;
        for (QcRule rule : table.rulesFor(assay, specimen.specimenType(), specimen.bloodTubeType())) {
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
