package org.ntrklab.reporting.report;

import java.util.List;
import org.ntrklab.events.AssayType;
import org.ntrklab.events.QcDecided;
import org.ntrklab.events.QcFinding;
import org.ntrklab.events.QcMetric;
import org.ntrklab.events.QcVerdict;

/**
 * Sample-qc's latest decision on one assay of the accession, as far as a report needs it: the verdict and
 * the findings that were not a plain PASS (caveats and failures), with the rule table version.
 */
public record QcRecord(AssayType assay, QcVerdict verdict, List<Note> findings, String ruleSetVersion) {

    public QcRecord {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** One finding of the decision: the rule, what was measured, the bound and the verdict. */
    public record Note(String ruleId, QcMetric metric, Double measuredValue, String measuredCategory,
            Double thresholdValue, String threshold, QcVerdict verdict) {
    }

    public static QcRecord of(QcDecided decision) {
        return new QcRecord(decision.getAssay(), decision.getVerdict(), decision.getFindings().stream()
                .filter(f -> f.getVerdict() != QcVerdict.PASS).map(QcRecord::note).toList(),
                decision.getRuleSetVersion());
    }

    private static Note note(QcFinding f) {
        return new Note(f.getRuleId(), f.getMetric(), f.getMeasuredValue(), f.getMeasuredCategory(),
                f.getThresholdValue(), f.getThreshold(), f.getVerdict());
    }

    /** The findings with the given verdict. */
    public List<Note> findings(QcVerdict wanted) {
        return findings.stream().filter(n -> n.verdict() == wanted).toList();
    }
}
