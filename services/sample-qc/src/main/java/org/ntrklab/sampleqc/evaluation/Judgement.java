package org.ntrklab.sampleqc.evaluation;

import org.ntrklab.events.QcFinding;
import org.ntrklab.events.QcVerdict;
import org.ntrklab.sampleqc.rules.QcRule;

/** Applies one rule to one value and writes the finding: what was measured, against what, with what result. */
final class Judgement {

    private Judgement() {
    }

    static QcFinding judge(QcRule rule, SpecimenFacts specimen, Measurement m) {
        QcFinding.Builder finding = QcFinding.newBuilder()
                .setRuleId(rule.id())
                .setMetric(rule.metric())
                .setThreshold(rule.describe())
                .setRationale(rule.rationale())
                .setReference(rule.source());
        if (rule.kind() == QcRule.Kind.CATEGORIES) {
            String category = category(rule, specimen, m);
            finding.setMeasuredCategory(category);
            if (category == null) {
                return finding.setVerdict(rule.ifNotMeasured()).setRationale(rule.rationale() + "; not measured").build();
            }
            QcVerdict verdict = rule.failOn().contains(category) ? QcVerdict.FAIL
                    : rule.caveatOn().contains(category) ? QcVerdict.PASS_WITH_CAVEAT : QcVerdict.PASS;
            return finding.setVerdict(verdict).build();
        }
        Double value = number(rule, specimen, m);
        finding.setMeasuredValue(value);
        if (value == null) {
            return finding.setVerdict(rule.ifNotMeasured()).setRationale(rule.rationale() + "; not measured").build();
        }
        if (rule.kind() == QcRule.Kind.LOWER_BOUND) {
            if (rule.failBelow() != null && value < rule.failBelow()) {
                return finding.setVerdict(QcVerdict.FAIL).setThresholdValue(rule.failBelow()).build();
            }
            if (rule.caveatBelow() != null && value < rule.caveatBelow()) {
                return finding.setVerdict(QcVerdict.PASS_WITH_CAVEAT).setThresholdValue(rule.caveatBelow()).build();
            }
            return finding.setVerdict(QcVerdict.PASS)
                    .setThresholdValue(rule.caveatBelow() != null ? rule.caveatBelow() : rule.failBelow()).build();
        }
        if (rule.failAbove() != null && value > rule.failAbove()) {
            return finding.setVerdict(QcVerdict.FAIL).setThresholdValue(rule.failAbove()).build();
        }
        if (rule.caveatAbove() != null && value > rule.caveatAbove()) {
            return finding.setVerdict(QcVerdict.PASS_WITH_CAVEAT).setThresholdValue(rule.caveatAbove()).build();
        }
        return finding.setVerdict(QcVerdict.PASS)
                .setThresholdValue(rule.caveatAbove() != null ? rule.caveatAbove() : rule.failAbove()).build();
    }

    private static String category(QcRule rule, SpecimenFacts specimen, Measurement m) {
        return switch (rule.metric()) {
            case TUMOUR_CELLS_PRESENT -> m.tumourCellsPresent() == null ? null : m.tumourCellsPresent().toString();
            case DECALCIFICATION -> specimen.decalcification().name();
            case SPECIMEN_TYPE -> specimen.specimenType().name();
            default -> throw new IllegalStateException(rule.metric() + " is not categorical");
        };
    }

    private static Double number(QcRule rule, SpecimenFacts specimen, Measurement m) {
        return switch (rule.metric()) {
            // No tumour cells means no tumour nuclei, whatever percentage was (not) entered.
            case TUMOUR_NUCLEI_PERCENT -> Boolean.FALSE.equals(m.tumourCellsPresent()) ? Double.valueOf(0)
                    : m.tumourNucleiPercent();
            case DV200_PERCENT -> m.dv200Percent();
            case RNA_YIELD_NG, DNA_YIELD_NG, CFDNA_YIELD_NG -> m.yieldNg();
            case FFPE_DELTA_CT -> m.ffpeDeltaCt();
            case BLOOD_TUBE_AGE_DAYS -> specimen.ageAtReceiptDays();
            case BLOCK_AGE_YEARS -> specimen.ageAtReceiptYears();
            default -> throw new IllegalStateException(rule.metric() + " is not numeric");
        };
    }
}
